using System.Text.Json.Nodes;

namespace TrustBot.Testing.Connector;

/// <summary>An activity a <see cref="TeamsLimitedConnector"/> accepted (posted, replied or updated).</summary>
/// <param name="ConversationId">The unescaped conversation id of the path.</param>
/// <param name="ActivityId">The id returned for a post, or the replaced id for an update.</param>
/// <param name="Operation">The operation that carried it.</param>
/// <param name="Json">The activity body exactly as received.</param>
/// <param name="ReceivedAt">When the stand-in admitted it.</param>
public sealed record DeliveredActivity(string ConversationId, string ActivityId, StubOperation Operation, string Json, DateTimeOffset ReceivedAt)
{
    /// <summary>The activity's <c>text</c>, or null.</summary>
    public string? Text { get; init; }

    /// <summary>The activity's <c>summary</c> (the notification preview), or null.</summary>
    public string? Summary { get; init; }

    /// <summary>The content of the first attachment as JSON (the Adaptive Card), or null.</summary>
    public string? CardJson { get; init; }

    /// <summary>True for an update (<c>PUT</c>) rather than a new message.</summary>
    public bool IsUpdate => Operation == StubOperation.UpdateActivity;

    /// <summary>A fresh parse of <see cref="Json"/>, safe to modify.</summary>
    public JsonObject Parse() => JsonNode.Parse(Json)?.AsObject() ?? [];

    internal static DeliveredActivity From(string conversationId, string activityId, StubOperation operation, string json, JsonObject? body, DateTimeOffset receivedAt) =>
        new(conversationId, activityId, operation, json, receivedAt)
        {
            Text = TextOf(body?["text"]),
            Summary = TextOf(body?["summary"]),
            CardJson = body?["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"]?.ToJsonString() : null,
        };

    private static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
