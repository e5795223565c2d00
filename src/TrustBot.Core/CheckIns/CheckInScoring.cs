using TrustBot.Core.Anonymity;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Scoring as designed: answers 1–7, a reverse-scored answer counts as 8 − x, a statement scores (mean − 1) / 6 × 100,
/// a dimension the mean of its statements, an index the mean of its dimensions. <see cref="Results"/> is the one gate
/// through which any number derived from answers leaves a tally.
/// </summary>
public static class CheckInScoring
{
    /// <summary>No threshold below this is honoured, whatever a team configured.</summary>
    public const int MinimumThreshold = 3;

    /// <summary>The score 0–100 of one statement from its seven counts (answers 1..7 as given).</summary>
    /// <exception cref="ArgumentException">Not seven counts, a negative count, or no answers at all.</exception>
    public static double StatementScore(Statement s, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(s);
        ValidateCounts(counts, s.Id);
        long answers = 0;
        long sum = 0;
        for (var i = 0; i < AgreementScale.Points; i++)
        {
            var value = i + 1;
            var counted = s.Reverse ? AgreementScale.Points + 1 - value : value;
            answers += counts[i];
            sum += (long)counts[i] * counted;
        }

        if (answers == 0)
        {
            throw new ArgumentException($"Statement '{s.Id}' has no answers, so it has no score.", nameof(counts));
        }

        var mean = (double)sum / answers;
        return (mean - 1) / (AgreementScale.Points - 1) * 100;
    }

    /// <summary>The effective threshold: the configured one, but never below <see cref="MinimumThreshold"/>.</summary>
    public static int EffectiveThreshold(int threshold) => Math.Max(threshold, MinimumThreshold);

    /// <summary>
    /// The results of <paramref name="tally"/> for <paramref name="statements"/>, or null while fewer people than the
    /// threshold (at least 3) replied. A statement that fewer than the threshold answered is left out too, so a
    /// partial ballot can never expose one person's answer.
    /// </summary>
    public static CheckInResults? Results(Tally tally, IEnumerable<Statement> statements, int threshold)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(statements);
        var k = EffectiveThreshold(threshold);
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

            ValidateCounts(counts, statement.Id);
            var answers = counts.Sum();
            if (answers < k)
            {
                continue;
            }

            results.Add(new StatementResult(statement, [.. counts], answers, StatementScore(statement, counts)));
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

    private static void ValidateCounts(IReadOnlyList<int> counts, string statementId)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != AgreementScale.Points)
        {
            throw new ArgumentException($"Statement '{statementId}' needs {AgreementScale.Points} counts, got {counts.Count}.", nameof(counts));
        }

        if (counts.Any(count => count < 0))
        {
            throw new ArgumentException($"Statement '{statementId}' has a negative count.", nameof(counts));
        }
    }
}
