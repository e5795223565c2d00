using System.Text.Json.Nodes;

namespace TrustBot.Testing.Connector;

/// <summary>One request received by <see cref="StubConnector"/>, with the answer it got.</summary>
public sealed class RecordedRequest
{
    /// <summary>The HTTP method (<c>POST</c>, <c>PUT</c>, …).</summary>
    public required string Method { get; init; }

    /// <summary>The request target exactly as sent, still escaped (for example <c>/v3/conversations/19%3A…/activities</c>).</summary>
    public required string RawTarget { get; init; }

    /// <summary>The path with every segment unescaped (ids appear as <c>19:abc@thread.tacv2;messageid=1</c>).</summary>
    public required string Path { get; init; }

    /// <summary>Query parameters, unescaped.</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    /// <summary>The operation the stub recognised.</summary>
    public required StubOperation Operation { get; init; }

    /// <summary>The unescaped conversation id in the path, if any.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The unescaped activity id in the path, if any.</summary>
    public string? ActivityId { get; init; }

    /// <summary>Request headers (case-insensitive names; multiple values joined with <c>, </c>), content headers included.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The body as text (empty when none).</summary>
    public required string BodyText { get; init; }

    /// <summary>The body parsed as JSON, or null when empty or not JSON.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>When the stub received the request.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The status the stub answered with (0 when it dropped the connection).</summary>
    public int ResponseStatusCode { get; internal set; }

    /// <summary>The <c>Authorization</c> header, or null.</summary>
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    /// <summary>The bearer token of the <c>Authorization</c> header, or null.</summary>
    public string? BearerToken => Authorization is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        ? value["Bearer ".Length..]
        : null;

    /// <summary>The <c>Content-Type</c> header, or null.</summary>
    public string? ContentType => Headers.GetValueOrDefault("Content-Type");

    /// <inheritdoc />
    public override string ToString() => $"{Method} {RawTarget} -> {ResponseStatusCode}";
}
