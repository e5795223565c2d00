using System.Text.Json.Nodes;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Commands;

/// <summary>
/// A button press on a card (Action.Execute, or the Action.Submit fallback), built by the host from a verified
/// activity. <see cref="Data"/> is untrusted: it comes from the client and may name anything.
/// </summary>
public sealed record CardAction
{
    public required string TenantId { get; init; }

    public required ConversationKind Kind { get; init; }

    /// <summary>The conversation the action came from (in a channel it may end in <c>;messageid=…</c>).</summary>
    public required string ConversationId { get; init; }

    public required string ServiceUrl { get; init; }

    public required string BotId { get; init; }

    /// <summary>The card verb, for example <c>checkin.vote</c>.</summary>
    public required string Verb { get; init; }

    /// <summary>The action's data merged with the card's input values.</summary>
    public required JsonObject Data { get; init; }

    /// <summary>The Entra object id of the person who pressed the button; never stored.</summary>
    public string? FromAadObjectId { get; init; }

    /// <summary>The Teams user id (<c>29:…</c>) of the person who pressed the button; never stored with an answer.</summary>
    public string? FromId { get; init; }

    /// <summary>The IANA time zone of the person's Teams client, when it said.</summary>
    public string? ClientTimeZone { get; init; }

    public ConversationAddress ReplyAddress => new(TenantId, ServiceUrl, ConversationId, BotId);

    /// <summary>A string value from <see cref="Data"/>, or null when absent or not a string.</summary>
    public string? Value(string key) =>
        Data.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Whether this action came from the conversation <paramref name="conversationId"/> (thread suffixes ignored).</summary>
    public bool IsFrom(string conversationId) =>
        string.Equals(ConversationIds.WithoutThread(ConversationId), ConversationIds.WithoutThread(conversationId), StringComparison.Ordinal);
}
