using System.Text.Json.Nodes;

namespace TrustBot.Testing.Connector;

/// <summary>A scripted answer of <see cref="StubConnector"/>.</summary>
/// <param name="StatusCode">The HTTP status to return.</param>
public sealed record StubResponse(int StatusCode)
{
    /// <summary>The JSON body, or null for an empty body.</summary>
    public string? Body { get; init; }

    /// <summary>Sent as <c>Retry-After: &lt;seconds&gt;</c> (rounded up to whole seconds).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Sent as an HTTP-date <c>Retry-After</c>.</summary>
    public DateTimeOffset? RetryAfterDate { get; init; }

    /// <summary>How long to wait before answering (to provoke client timeouts).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Drop the connection instead of answering (a network failure for the client).</summary>
    public bool Abort { get; init; }

    /// <summary>A 429 with an optional <c>Retry-After</c> in seconds.</summary>
    public static StubResponse Throttled(TimeSpan? retryAfter = null) =>
        Error(429, "Throttled", "Too many requests") with { RetryAfter = retryAfter };

    /// <summary>An error status with the Connector's <c>{ "error": { "code", "message" } }</c> body.</summary>
    public static StubResponse Error(int statusCode, string code, string? message = null) => new(statusCode)
    {
        Body = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message ?? code },
        }.ToJsonString(),
    };

    /// <summary>A dropped connection.</summary>
    public static StubResponse Disconnect() => new(0) { Abort = true };

    /// <summary>
    /// A typical error for <paramref name="statusCode"/>: 403 <c>BotNotInConversationRoster</c>, 404
    /// <c>ConversationNotFound</c>, 413 <c>MessageSizeTooBig</c>, 429 <c>Throttled</c>, otherwise <c>ServiceError</c>.
    /// </summary>
    public static StubResponse ForStatus(int statusCode, TimeSpan? retryAfter = null) => statusCode switch
    {
        403 => Error(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."),
        404 => Error(404, "ConversationNotFound", "Conversation not found."),
        413 => Error(413, "MessageSizeTooBig", "Message size too big."),
        429 => Throttled(retryAfter),
        401 => Error(401, "Unauthorized", "Authorization has been denied for this request."),
        400 => Error(400, "BadSyntax", "Bad request."),
        _ => Error(statusCode, "ServiceError", "Scripted failure."),
    } with { RetryAfter = retryAfter };
}
