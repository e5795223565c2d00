namespace TrustBot.Core.Nudges;

/// <summary>
/// One habit nudge sent to a leader, and how they answered it. Leaders are not anonymous and nothing here relates to
/// check-in answers, so the leader's user id may sit next to the response.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="TeamKey">The team the person leads.</param>
/// <param name="LeaderUserId">The leader's Teams user id (<c>29:…</c>).</param>
/// <param name="NudgeId">A random id, carried in the card's data (and untrusted when it comes back).</param>
/// <param name="HabitId">The library habit suggested.</param>
/// <param name="SentAt">When the card was sent; fixed for the life of the record.</param>
/// <param name="Response">The leader's answer; <see cref="NudgeResponse.None"/> while unanswered.</param>
/// <param name="RespondedAt">When the answer was given.</param>
/// <param name="ActivityId">The posted card message, for in-place updates.</param>
public sealed record NudgeRecord(
    string TenantId,
    string TeamKey,
    string LeaderUserId,
    string NudgeId,
    string HabitId,
    DateTimeOffset SentAt,
    NudgeResponse Response = NudgeResponse.None,
    DateTimeOffset? RespondedAt = null,
    string? ActivityId = null)
{
    /// <summary>
    /// Whether the answer is final: Done, Another and Not for me close the nudge; Remind me tomorrow keeps it open
    /// so the reminder card can still be answered.
    /// </summary>
    public bool IsClosed => Response is NudgeResponse.Done or NudgeResponse.Another or NudgeResponse.NotForMe;

    /// <summary>The picker's and cadence's view of this nudge.</summary>
    public NudgeHistoryEntry ToHistoryEntry() => new(HabitId, SentAt, Response);
}
