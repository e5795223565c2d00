using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Questions;

/// <summary>
/// Scoring as designed: each statement is scored 0–100 by its own <see cref="AnswerScale"/> (on the 7-point agreement
/// scale a reverse-scored answer counts as 8 − x and a statement scores (mean − 1) / 6 × 100),
/// a dimension the mean of its statements, an index the mean of its dimensions. <see cref="Results"/> is the one gate
/// through which any number derived from answers leaves a tally.
/// </summary>
public static class CheckInScoring
{
    /// <summary>The score 0–100 of one statement from its counts for answers 1..n as given, on the statement's own scale.</summary>
    /// <exception cref="ArgumentException">More counts than the scale has points, a negative count, or no answers at all.</exception>
    public static double StatementScore(Statement s, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Scale.Score(counts, s.Reverse, s.Id);
    }

    /// <summary>
    /// The results of <paramref name="tally"/> for <paramref name="statements"/>, or null while fewer people than the
    /// threshold (at least 3) replied. A statement that fewer than the threshold answered is left out too, so a
    /// partial ballot can never expose one person's answer.
    /// </summary>
    public static CheckInResults? Results(Tally tally, IEnumerable<Statement> statements, int threshold)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(statements);
        var k = AnonymityThresholds.EffectiveThreshold(threshold);
        if (tally.Replies < k)
        {
            return null;
        }

        var results = new List<StatementResult>();
        foreach (var statement in statements.DistinctBy(s => s.Id, StringComparer.Ordinal))
        {
            if (!tally.Counts.TryGetValue(statement.Id, out var counts))
            {
                continue;
            }

            // Storage may hold fewer counters than the scale has points; the distribution shows every point.
            var distribution = statement.Scale.Distribution(counts, statement.Id);
            var answers = distribution.Sum();
            if (answers < k)
            {
                continue;
            }

            results.Add(new StatementResult(statement, distribution, answers, StatementScore(statement, distribution)));
        }

        var dimensions = results
            .GroupBy(r => r.Statement.Dimension, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(r => r.Score), StringComparer.Ordinal);

        return new CheckInResults(
            tally.Replies,
            results,
            dimensions,
            IndexScore(results, dimensions, Instrument.PsychologicalSafetyIndex),
            IndexScore(results, dimensions, Instrument.TrustIndex));
    }

    private static double? IndexScore(List<StatementResult> results, Dictionary<string, double> dimensions, string index)
    {
        var scores = results
            .Where(r => string.Equals(r.Statement.Index, index, StringComparison.Ordinal))
            .Select(r => r.Statement.Dimension)
            .Distinct(StringComparer.Ordinal)
            .Select(dimension => dimensions[dimension])
            .ToList();
        return scores.Count == 0 ? null : scores.Average();
    }
}
