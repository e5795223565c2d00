using TrustBot.Core.Habits;

namespace TrustBot.Core.Nudges;

/// <summary>Chooses a leader's next habit from the library: the team's weakest dimension first, else a rotation of strategies.</summary>
public sealed class HabitChooser(TeamDimensionScores scores)
{
    private static readonly Lazy<IReadOnlyList<HabitCandidate>> Candidates = new(() => HabitLibrary.Default.Habits
        .Select(h => new HabitCandidate(h.Id, h.Strategy, h.Dimensions))
        .ToList());

    /// <summary>
    /// The habit for the leader of <paramref name="teamKey"/> given their <paramref name="history"/>, or null when every
    /// habit is excluded (sent within eight weeks, or marked Not for me).
    /// </summary>
    public async Task<Habit?> ChooseAsync(
        string tenantId, string teamKey, IReadOnlyList<NudgeRecord> history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var teamScores = await scores.GetAsync(tenantId, teamKey, cancellationToken);
        return Choose(teamScores, history, now);
    }

    /// <summary>The same choice from scores already read.</summary>
    public static Habit? Choose(IReadOnlyList<DimensionScore> teamScores, IReadOnlyList<NudgeRecord> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(teamScores);
        ArgumentNullException.ThrowIfNull(history);
        var habitId = NudgePicker.Pick(Candidates.Value, teamScores, NudgeHistory.Entries(history), now, rotationIndex: history.Count);
        return habitId is null ? null : HabitLibrary.Default.Find(habitId);
    }
}
