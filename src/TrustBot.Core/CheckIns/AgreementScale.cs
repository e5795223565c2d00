using System.Globalization;

namespace TrustBot.Core.CheckIns;

/// <summary>The 7-point agreement scale every statement is answered on (1 = strongly disagree, 7 = strongly agree).</summary>
public sealed class AgreementScale
{
    /// <summary>The number of points; scoring and the cards assume exactly seven.</summary>
    public const int Points = 7;

    private readonly string[] _labels;

    /// <param name="labels">The labels of the points 1..7, in order.</param>
    public AgreementScale(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = [.. labels];
        if (_labels.Length != Points)
        {
            throw new ArgumentException($"The agreement scale needs exactly {Points} labels, got {_labels.Length}.", nameof(labels));
        }

        if (_labels.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Every point of the agreement scale needs a label.", nameof(labels));
        }
    }

    /// <summary>The labels of the points 1..7, in order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Whether <paramref name="value"/> is a point of the scale (1..7).</summary>
    public static bool IsValid(int value) => value is >= 1 and <= Points;

    /// <summary>
    /// Parses an answer as it arrives in card data ("1".."7", nothing else), since card data is untrusted input.
    /// </summary>
    public static bool TryParseAnswer(string? raw, out int value)
    {
        value = 0;
        if (raw is null || raw.Length != 1
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
}
