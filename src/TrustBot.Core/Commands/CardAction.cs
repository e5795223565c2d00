using System.Text.Json.Nodes;
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

    /// <summary>The longest id a card may carry, equal to the longest Teams id the host accepts.</summary>
    public const int MaxIdLength = 192;

    /// <summary>
    /// An id TrustBot put into its own card (check-in, session, nudge, team key), or null when the value cannot be one.
    /// Such ids end up in storage keys, so a forged one must not grow past a key or carry key-forbidden characters:
    /// the same rule the protocol edge applies to Teams ids (1 to <see cref="MaxIdLength"/> printable ASCII
    /// characters without spaces or <c>/ \ # ? % |</c>).
    /// </summary>
    public string? IdValue(string key) => Value(key) is { Length: > 0 and <= MaxIdLength } text && text.All(IsIdCharacter) ? text : null;

    private static bool IsIdCharacter(char c) => c is >= '!' and <= '~' and not ('/' or '\\' or '#' or '?' or '%' or '|');

    /// <summary>Whether this action came from the conversation <paramref name="conversationId"/> (thread suffixes ignored).</summary>
    public bool IsFrom(string conversationId) =>
        string.Equals(ConversationIds.WithoutThread(ConversationId), ConversationIds.WithoutThread(conversationId), StringComparison.Ordinal);
}
