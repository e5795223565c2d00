namespace TrustBot.Core.Nudges;

/// <summary>One nudge sent to a leader and how they answered it.</summary>
public sealed record NudgeHistoryEntry(string HabitId, DateTimeOffset SentAt, NudgeResponse Response);
