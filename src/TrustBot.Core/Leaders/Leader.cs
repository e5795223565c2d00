using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Leaders;

/// <summary>
/// A person who leads a team that uses TrustBot: gets the weekly habit nudge and digest in a private chat, and may
/// manage the team's leaders and settings. Leaders are not anonymous; nothing here relates to check-in answers.
/// </summary>
public sealed record Leader
{
    public required string TenantId { get; init; }

    /// <summary>The team installation the person leads (its installation key, the team id).</summary>
    public required string TeamKey { get; init; }

    /// <summary>The person's Teams user id (<c>29:…</c>): what mentions and rosters carry, and what a 1:1 chat is opened with.</summary>
    public required string UserId { get; init; }

    /// <summary>The person's Entra object id, once known (activities carry it; mentions do not).</summary>
    public string? AadObjectId { get; init; }

    /// <summary>The display name, from the install event, a mention, the roster or the person's own messages; for lists, never logged.</summary>
    public string? Name { get; init; }

    /// <summary>The IANA time zone of the person's Teams client, once seen; else the team's zone applies.</summary>
    public string? TimeZoneId { get; init; }

    /// <summary>The weekday of the nudge in the leader's zone (default Monday).</summary>
    public DayOfWeek NudgeDay { get; init; } = DayOfWeek.Monday;

    /// <summary>The local time of the nudge (default 09:00).</summary>
    public TimeOnly NudgeTime { get; init; } = new(9, 0);

    /// <summary>The service URL to reach the person's private chat through.</summary>
    public required string ServiceUrl { get; init; }

    /// <summary>The bot's account id (<c>28:…</c>) the chat is opened from.</summary>
    public required string BotId { get; init; }

    /// <summary>The person's 1:1 chat with the bot, once opened.</summary>
    public string? ChatConversationId { get; init; }

    /// <summary>Set when Teams said the person can no longer be reached (app removed, account gone); no more sends are tried.</summary>
    public bool Unreachable { get; init; }

    public required DateTimeOffset AddedAt { get; init; }

    /// <summary>The private chat, when it has been opened and the person is reachable.</summary>
    public ConversationAddress? ChatAddress =>
        ChatConversationId is { } id && !Unreachable ? new ConversationAddress(TenantId, ServiceUrl, id, BotId) : null;

    /// <summary>Whether this leader is the person with Teams user id <paramref name="userId"/> or Entra object id <paramref name="aadObjectId"/>.</summary>
    public bool Is(string? userId, string? aadObjectId) =>
        (!string.IsNullOrEmpty(userId) && string.Equals(UserId, userId, StringComparison.Ordinal))
        || (!string.IsNullOrEmpty(aadObjectId) && string.Equals(AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The leader's weekly nudge slot in their zone, else <paramref name="teamTimeZoneId"/>.</summary>
    public WeeklySlot NudgeSlot(string? teamTimeZoneId) =>
        new(NudgeDay, NudgeTime, TimeZones.Resolve(TimeZoneId, teamTimeZoneId).Id);
}
