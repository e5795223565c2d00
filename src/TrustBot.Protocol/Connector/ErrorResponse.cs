using System.Text.Json;

namespace TrustBot.Protocol.Connector;

/// <summary>A Connector error body, <c>{ "error": { "code", "message" } }</c>.</summary>
public sealed class ErrorResponse
{
    /// <summary>The error.</summary>
    public ConnectorError? Error { get; set; }

    /// <summary>
    /// Reads an error body defensively: the swagger shape, a flat <c>{ "code"|"errorCode", "message" }</c>, and the
    /// Teams habit of wrapping a JSON document in <c>message</c> (whose <c>subCode</c>/<c>code</c> then wins, being
    /// the more specific). Returns null when nothing usable is found; never throws.
    /// </summary>
    public static ErrorResponse? Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var source = document.RootElement.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object
                ? inner
                : document.RootElement;
            var code = ReadScalar(source, "code") ?? ReadScalar(source, "errorCode");
            var message = ReadScalar(source, "message");
            var wrappedCode = ReadWrappedCode(message);
            if (code is null && message is null && wrappedCode is null)
            {
                return null;
            }

            JsonElement? innerHttpError = source.TryGetProperty("innerHttpError", out var http) ? http.Clone() : null;
            return new ErrorResponse
            {
                Error = new ConnectorError { Code = wrappedCode ?? code, Message = message, InnerHttpError = innerHttpError },
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadScalar(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => null,
            };
        }

        return null;
    }

    private static string? ReadWrappedCode(string? message)
    {
        var trimmed = message?.Trim();
        if (trimmed is null || !trimmed.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? ReadScalar(document.RootElement, "subCode") ?? ReadScalar(document.RootElement, "code")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
