using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Questions;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Digests;

/// <summary>
/// Turns a team's latest closed check-in, the one before it, the week's notes and a leader's prediction into a
/// <see cref="Digest"/>. Pure. Every number comes from <see cref="CheckInScoring.Results"/>, the one gate through
/// which anything derived from answers may pass: below k there are no results, so there is no participation rate,
/// score, trend or perception gap either. The perception gap compares only a prediction made before the check-in
/// published any result (<see cref="PredictionRule"/>).
/// </summary>
public static class DigestBuilder
{
    public static Digest Build(DigestInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var notes = Notes(inputs.Sessions);
        if (inputs.Latest is not { } latest)
        {
            return new Digest(inputs.TeamKey, inputs.TeamLabel, inputs.AsOf, null, notes, null, false);
        }

        var results = Score(latest, inputs.Catalog);
        var previous = inputs.Previous is { } earlier ? Score(earlier, inputs.Catalog) : null;
        var digestResults = results is null ? null : Summarise(latest.CheckIn, results, previous, inputs.Catalog, inputs.RosterSize);
        var checkIn = new DigestCheckIn(latest.CheckIn.ClosesAt, AnonymityThresholds.EffectiveThreshold(latest.CheckIn.Threshold), digestResults);
        var (perception, late) = Perception(inputs.Predictions, latest.CheckIn, inputs.Previous?.CheckIn, digestResults);
        return new Digest(inputs.TeamKey, inputs.TeamLabel, inputs.AsOf, checkIn, notes, perception, late);
    }

    /// <summary>
    /// Whether a prediction is about <paramref name="reported"/>: made after the check-in before it closed and before
    /// this one closed. Whether it also counts is <see cref="PredictionRule.Counts"/>.
    /// </summary>
    public static bool PredictsFor(Prediction prediction, CheckIn reported, CheckIn? previous)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reported);
        return prediction.MadeAt < reported.ClosesAt && (previous is null || prediction.MadeAt >= previous.ClosesAt);
    }

    private static CheckInResults? Score((CheckIn CheckIn, Anonymity.Tally Tally) closed, StatementCatalog catalog) =>
        CheckInScoring.Results(closed.Tally, catalog.Resolve(closed.CheckIn.StatementIds), closed.CheckIn.Threshold);

    private static DigestResults Summarise(
        CheckIn checkIn, CheckInResults results, CheckInResults? previous, StatementCatalog catalog, int? rosterSize)
    {
        var dimensions = new List<DimensionTrend>();
        foreach (var group in results.Statements.GroupBy(r => r.Statement.Dimension, StringComparer.Ordinal))
        {
            var score = results.Dimensions[group.Key];
            double? change = previous is not null && previous.Dimensions.TryGetValue(group.Key, out var before) ? score - before : null;
            var label = catalog.Statements.FirstOrDefault(s => s.Dimension == group.Key)?.Label ?? group.First().Statement.Label;
            dimensions.Add(new DimensionTrend(group.Key, label, score, group.Sum(r => r.Answers), change));
        }

        return new DigestResults(
            results.Replies,
            Participation(results.Replies, rosterSize),
            dimensions,
            Index(Instrument.PsychologicalSafetyIndex, results.SafetyIndex, previous?.SafetyIndex),
            Index(Instrument.TrustIndex, results.TrustIndex, previous?.TrustIndex));
    }

    // People can leave a team while a check-in is open, so replies may exceed today's roster.
    private static int? Participation(int replies, int? rosterSize) =>
        rosterSize is > 0 and var size
            ? (int)Math.Min(100, Math.Round(100.0 * replies / size, MidpointRounding.AwayFromZero))
            : null;

    private static IndexTrend? Index(string index, double? score, double? previous) =>
        score is { } now ? new IndexTrend(index, now, previous is { } before ? now - before : null) : null;

    /// <summary>
    /// The newest prediction about <paramref name="reported"/> that counts, beside the actual score; a newer one made
    /// after results were visible is skipped and reported as late.
    /// </summary>
    private static (PerceptionGap? Gap, bool Late) Perception(
        IReadOnlyList<Prediction> predictions, CheckIn reported, CheckIn? previous, DigestResults? results)
    {
        if ((results?.Safety ?? results?.Trust) is not { } actual)
        {
            return (null, false);
        }

        var late = false;
        foreach (var prediction in (predictions ?? []).Where(p => PredictsFor(p, reported, previous)).OrderByDescending(p => p.MadeAt))
        {
            if (PredictionRule.Counts(prediction, reported))
            {
                return (new PerceptionGap(actual.Index, prediction.Value, actual.Score), late);
            }

            // A row from before the standing was recorded is left out without a word: it may not have been late.
            late |= prediction.MadeBeforeResults == false;
        }

        return (null, late);
    }

    private static List<DigestNoteGroup> Notes(IReadOnlyList<SessionNotes> sessions)
    {
        var groups = new List<DigestNoteGroup>();
        foreach (var session in sessions ?? [])
        {
            // The same gate as the notes command: a prompt fewer than k people answered shows nothing, not even that notes exist.
            if (session.Tally.Replies < AnonymityThresholds.EffectiveThreshold(session.Session.Threshold))
            {
                continue;
            }

            var prompt = PromptLibrary.Default.Find(session.Session.PromptId);
            var texts = session.Notes.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
            if (prompt is not null && texts.Count > 0)
            {
                groups.Add(new DigestNoteGroup(prompt.Text, texts, AnonymityThresholds.EffectiveThreshold(session.Session.Threshold)));
            }
        }

        return groups;
    }
}
