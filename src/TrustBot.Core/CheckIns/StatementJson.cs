using System.Text.Json;

namespace TrustBot.Core.CheckIns;

/// <summary>Reads statements in the shape of <c>instrument.json</c>, with messages a team admin can act on.</summary>
internal static class StatementJson
{
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static JsonDocument Parse(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The {what} is not valid JSON: {ex.Message}", nameof(json), ex);
        }
    }

    public static IReadOnlyList<Statement> ReadArray(JsonElement array, string what)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException($"The {what} must be a JSON array of statements.");
        }

        var statements = new List<Statement>();
        var position = 0;
        foreach (var element in array.EnumerateArray())
        {
            position++;
            statements.Add(Read(element, position));
        }

        return statements;
    }

    public static Statement Read(JsonElement element, int position)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Statement {position} must be a JSON object.");
        }

        var id = RequiredString(element, "id", position);
        return new Statement(
            id,
            RequiredString(element, "index", position),
            RequiredString(element, "dimension", position),
            OptionalBoolean(element, "reverse", position),
            RequiredString(element, "label", position),
            RequiredString(element, "text", position));
    }

    private static string RequiredString(JsonElement element, string name, int position)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException($"Statement {position} needs \"{name}\" as a string.");
        }

        return value.GetString()!.Trim();
    }

    private static bool OptionalBoolean(JsonElement element, string name, int position)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ArgumentException($"Statement {position} has \"{name}\" that is not true or false."),
        };
    }
}
