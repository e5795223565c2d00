namespace TrustBot.Core.Nudges;

/// <summary>Chooses the habit for a leader's next nudge; the same inputs always give the same habit.</summary>
public static class NudgePicker
{
    /// <summary>A habit sent within this span is not sent again.</summary>
    public static readonly TimeSpan NoRepeatWindow = TimeSpan.FromDays(7 * 8);

    /// <summary>
    /// A habit for the weakest scored dimension (lowest score, then dimension id), moving to the next weakest
    /// when all of a dimension's habits are excluded; without scores, or when every scored dimension is
    /// exhausted, a rotation across strategies chosen by <paramref name="rotationIndex"/>. Habits marked
    /// Not for me, or sent within eight weeks, are never picked. Null when nothing is eligible.
    /// </summary>
    public static string? Pick(
        IReadOnlyList<HabitCandidate> habits,
        IReadOnlyList<DimensionScore> scores,
        IReadOnlyList<NudgeHistoryEntry> history,
        DateTimeOffset now,
        int rotationIndex)
    {
        ArgumentNullException.ThrowIfNull(habits);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(history);

        var excluded = history
            .Where(h => h.Response == NudgeResponse.NotForMe || now - h.SentAt < NoRepeatWindow)
            .Select(h => h.HabitId)
            .ToHashSet(StringComparer.Ordinal);

        // Sorting by id once makes "first eligible" independent of the library's order.
        var eligible = habits
            .Where(h => !excluded.Contains(h.Id))
            .OrderBy(h => h.Id, StringComparer.Ordinal)
            .ToList();

        var weakestFirst = scores
            .Where(s => s.Answers > 0)
            .OrderBy(s => s.Score)
            .ThenBy(s => s.Dimension, StringComparer.Ordinal)
            .Select(s => s.Dimension);

        foreach (var dimension in weakestFirst)
        {
            var habit = eligible.FirstOrDefault(h => h.Dimensions.Contains(dimension, StringComparer.Ordinal));
            if (habit is not null)
            {
                return habit.Id;
            }
        }

        return ByRotation(habits, eligible, rotationIndex);
    }

    private static string? ByRotation(IReadOnlyList<HabitCandidate> habits, List<HabitCandidate> eligible, int rotationIndex)
    {
        // Strategies come from the whole library, not the eligible part, so an index keeps meaning the same strategy.
        var strategies = habits
            .Select(h => h.Strategy)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (strategies.Count == 0)
        {
            return null;
        }

        var start = ((rotationIndex % strategies.Count) + strategies.Count) % strategies.Count;
        for (var step = 0; step < strategies.Count; step++)
        {
            var strategy = strategies[(start + step) % strategies.Count];
            var habit = eligible.FirstOrDefault(h => string.Equals(h.Strategy, strategy, StringComparison.Ordinal));
            if (habit is not null)
            {
                return habit.Id;
            }
        }

        return null;
    }
}
