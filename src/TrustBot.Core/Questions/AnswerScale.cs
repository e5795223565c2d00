using System.Globalization;
using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Questions;

/// <summary>
/// One answer scale (the 7-point agreement scale, or another kind named in the instrument data): the only place that
/// knows a scale's range, labels, how a card answer is parsed and how counts become a 0–100 score.
/// </summary>
public sealed class AnswerScale
{
    /// <summary>The kind every statement is asked on unless the instrument data names another.</summary>
    public const string AgreementKind = "agreement";

    /// <summary>Fewer points than this is not a question.</summary>
    public const int MinPoints = 2;

    private readonly string[] _labels;

    /// <param name="kind">The name statements use for it in the instrument data.</param>
    /// <param name="labels">The labels of the points 1..n, in order.</param>
    public AnswerScale(string kind, IEnumerable<string> labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(labels);
        Kind = kind;
        _labels = [.. labels];

        // Storage counts at most BallotTerms.MaxPoints answer values per statement.
        if (_labels.Length is < MinPoints or > BallotTerms.MaxPoints)
        {
            throw new ArgumentException($"The scale '{kind}' needs {MinPoints} to {BallotTerms.MaxPoints} labels, got {_labels.Length}.", nameof(labels));
        }

        if (_labels.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Every point of the scale '{kind}' needs a label.", nameof(labels));
        }
    }

    /// <summary>The 7-point agreement scale of the shipped instrument.</summary>
    public static AnswerScale Agreement => Instrument.Default.Scale;

    public string Kind { get; }

    /// <summary>The number of points; answers are 1..Points.</summary>
    public int Points => _labels.Length;

    /// <summary>The labels of the points 1..n, in order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Whether <paramref name="value"/> is a point of the scale.</summary>
    public bool IsValid(int value) => value >= 1 && value <= Points;

    /// <summary>
    /// Parses an answer as it arrives in card data ("1".."n" in plain ASCII digits, nothing else), since card data is untrusted input.
    /// </summary>
    public bool TryParseAnswer(string? raw, out int value)
    {
        value = 0;
        if (raw is null || raw.Length is < 1 or > 2 || raw[0] == '0'
            || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || !IsValid(parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>The label of one point, e.g. 7 → "Strongly agree".</summary>
    public string Label(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Points);
        return _labels[value - 1];
    }

    /// <summary>
    /// The counts for answers 1..n. Storage may hold fewer columns than the scale has (a row written before a higher
    /// answer was given), so shorter counts are padded with zeros; more counts than points, or a negative one, is refused.
    /// </summary>
    /// <exception cref="ArgumentException">More counts than points, or a negative count.</exception>
    public int[] Distribution(IReadOnlyList<int> counts, string statementId)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count > Points)
        {
            throw new ArgumentException($"Statement '{statementId}' is on a {Points}-point scale, got {counts.Count} counts.", nameof(counts));
        }

        if (counts.Any(count => count < 0))
        {
            throw new ArgumentException($"Statement '{statementId}' has a negative count.", nameof(counts));
        }

        var padded = new int[Points];
        for (var i = 0; i < counts.Count; i++)
        {
            padded[i] = counts[i];
        }

        return padded;
    }

    /// <summary>
    /// The score 0–100 of counts for answers 1..n: the mean answer mapped so 1 → 0 and n → 100; a reverse-scored
    /// statement counts an answer x as n + 1 − x, so higher is always better.
    /// </summary>
    /// <exception cref="ArgumentException">Malformed counts (see <see cref="Distribution"/>), or no answers at all.</exception>
    public double Score(IReadOnlyList<int> counts, bool reverse, string statementId)
    {
        var distribution = Distribution(counts, statementId);
        long answers = 0;
        long sum = 0;
        for (var i = 0; i < distribution.Length; i++)
        {
            var value = i + 1;
            answers += distribution[i];
            sum += (long)distribution[i] * (reverse ? Points + 1 - value : value);
        }

        if (answers == 0)
        {
            throw new ArgumentException($"Statement '{statementId}' has no answers, so it has no score.", nameof(counts));
        }

        var mean = (double)sum / answers;
        return (mean - 1) / (Points - 1) * 100;
    }
}
