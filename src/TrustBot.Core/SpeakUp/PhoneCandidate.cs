using System.Text.RegularExpressions;

namespace TrustBot.Core.SpeakUp;

/// <summary>Tells a phone number from the other digit runs people write: amounts, years, dates, decimals, addresses.</summary>
internal static partial class PhoneCandidate
{
    private const int MinDigits = 7;

    // E.164 caps a full international number at 15 digits.
    private const int MaxDigits = 15;

    private const int TimeoutMilliseconds = 500;

    public static string Replace(Match match) => IsPhone(match.Value) ? NoteScrubber.PhonePlaceholder : match.Value;

    public static bool IsPhone(string candidate)
    {
        var groups = DigitGroup().Matches(candidate).Select(m => m.Value).ToList();
        var digits = groups.Sum(g => g.Length);
        if (digits is < MinDigits or > MaxDigits)
        {
            return false;
        }

        if (candidate.StartsWith('+'))
        {
            return true;
        }

        return !IsDate(candidate)
            && !IsYears(groups)
            && !IsDecimal(candidate)
            && !IsAddress(candidate, groups)
            && !IsRoundAmount(candidate, groups)
            && groups.Count(g => g.Length == 1) <= 2;
    }

    private static bool IsDate(string candidate) => DatePattern().IsMatch(candidate);

    private static bool IsYears(List<string> groups) =>
        groups.All(g => g.Length == 4 && (g.StartsWith("19", StringComparison.Ordinal) || g.StartsWith("20", StringComparison.Ordinal)));

    // "3.14159265": one dot, no spaces, two groups.
    private static bool IsDecimal(string candidate) => DecimalPattern().IsMatch(candidate);

    // "192.168.1.1": four dot-separated groups of at most three digits.
    private static bool IsAddress(string candidate, List<string> groups) =>
        groups.Count == 4 && groups.All(g => g.Length <= 3) && candidate.All(c => char.IsAsciiDigit(c) || c == '.');

    // "1 000 000" or "2.500.000": thousands groups ending in 000, an amount rather than a number anyone dials.
    private static bool IsRoundAmount(string candidate, List<string> groups) =>
        groups.Count >= 3
        && groups[0].Length <= 3 && groups[0][0] != '0'
        && groups.Skip(1).All(g => g.Length == 3)
        && groups[^1] == "000"
        && (candidate.All(c => char.IsAsciiDigit(c) || c == ' ') || candidate.All(c => char.IsAsciiDigit(c) || c == '.'));

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex DigitGroup();

    [GeneratedRegex(
        @"^(?:(?:19|20)\d\d[-./ ](?:0?[1-9]|1[0-2])[-./ ](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-./ ](?:0?[1-9]|1[0-2])[-./ ](?:19|20)\d\d|(?:0?[1-9]|1[0-2])[-./ ](?:0?[1-9]|[12]\d|3[01])[-./ ](?:19|20)\d\d)$",
        RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d+\.\d+$", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex DecimalPattern();
}
