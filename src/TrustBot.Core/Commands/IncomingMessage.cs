using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Commands;

/// <summary>A message sent to TrustBot, built by the host from a verified Teams activity.</summary>
public sealed record IncomingMessage
{
    public required string TenantId { get; init; }

    public required ConversationKind Kind { get; init; }

    /// <summary>The conversation to reply into; in a channel thread it ends in <c>;messageid=…</c> so replies stay in the thread.</summary>
    public required string ConversationId { get; init; }

    public string? TeamId { get; init; }

    public required string ServiceUrl { get; init; }

    /// <summary>The bot's own account id (<c>28:…</c>).</summary>
    public required string BotId { get; init; }

    /// <summary>The text with the bot's <c>&lt;at&gt;</c> mention already removed.</summary>
    public required string Text { get; init; }

    /// <summary>The sender's Entra object id.</summary>
    public string? FromAadObjectId { get; init; }

    /// <summary>The sender's Teams user id (<c>29:…</c>).</summary>
    public string? FromId { get; init; }

    /// <summary>The sender's display name; never logged.</summary>
    public string? FromName { get; init; }

    /// <summary>The people @mentioned in the message, the bot excluded, in order.</summary>
    public IReadOnlyList<TeamMember> Mentions { get; init; } = [];

    /// <summary>The IANA time zone of the sender's Teams client, when it said.</summary>
    public string? ClientTimeZone { get; init; }

    /// <summary>The activity's id, which Teams keeps when it delivers the same message again; null when it gave none.</summary>
    public string? ActivityId { get; init; }

    /// <summary>Where replies to this message go.</summary>
    public ConversationAddress ReplyAddress => new(TenantId, ServiceUrl, ConversationId, BotId);

    /// <summary>The installation the message belongs to: the team in a channel, else the chat (without a thread suffix).</summary>
    public string InstallationKey => Kind == ConversationKind.Channel && !string.IsNullOrEmpty(TeamId)
        ? TeamId
        : ConversationIds.WithoutThread(ConversationId);

    /// <summary>Where and for which activity the replies of this message are queued.</summary>
    public ReplyTarget ReplyTarget => new(ReplyAddress, InstallationKey, ActivityId);
}
