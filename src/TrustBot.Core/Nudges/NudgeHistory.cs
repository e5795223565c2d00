namespace TrustBot.Core.Nudges;

/// <summary>What the nudge rules read from a leader's past nudges.</summary>
public static class NudgeHistory
{
    /// <summary>
    /// How far back history is read: the rules need eight weeks (no repeats) and the last few nudges (back-off);
    /// half a year keeps a long streak countable. Not-for-me answers are read whatever their age.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7 * 26);

    /// <summary>The picker's and cadence's view of <paramref name="records"/>.</summary>
    public static IReadOnlyList<NudgeHistoryEntry> Entries(IEnumerable<NudgeRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Select(r => r.ToHistoryEntry()).ToList();
    }

    /// <summary>
    /// Habits done in a row: walking the closed nudges newest first, each Done counts until the first other answer
    /// (Give me another, Not for me). Nudges without a final answer — ignored, or snoozed and still open — neither
    /// count nor break the streak, so a week without an answer does not undo what the leader did before.
    /// </summary>
    public static int Streak(IEnumerable<NudgeRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .Where(r => r.IsClosed)
            .OrderByDescending(r => r.SentAt)
            .TakeWhile(r => r.Response == NudgeResponse.Done)
            .Count();
    }
}
