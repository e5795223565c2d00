namespace TrustBot.Core.Nudges;

/// <summary>How often a leader is nudged: weekly, backing off when nudges go unanswered.</summary>
public static class NudgeCadence
{
    /// <summary>The normal interval.</summary>
    public static readonly TimeSpan Weekly = TimeSpan.FromDays(7);

    /// <summary>Half as frequent, after <see cref="IgnoredBeforeBackOff"/> ignored nudges in a row.</summary>
    public static readonly TimeSpan BackedOff = TimeSpan.FromDays(14);

    public const int IgnoredBeforeBackOff = 3;

    /// <summary>
    /// Every 14 days while the latest three or more nudges went unanswered; any answer to the latest
    /// nudges resets the run, and with it the weekly cadence.
    /// </summary>
    public static TimeSpan IntervalFor(IReadOnlyList<NudgeHistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);

        var ignoredInARow = history
            .OrderByDescending(h => h.SentAt)
            .TakeWhile(h => h.Response == NudgeResponse.None)
            .Count();

        return ignoredInARow >= IgnoredBeforeBackOff ? BackedOff : Weekly;
    }
}
