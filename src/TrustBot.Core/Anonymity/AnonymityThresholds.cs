using System.Globalization;

namespace TrustBot.Core.Anonymity;

/// <summary>
/// The k a text names where it is read: one number in a team's channel (or where no team applies), one per team in a
/// leader's 1:1 chat, where a single number would be false for some of the teams they lead.
/// </summary>
public sealed class AnonymityThresholds
{
    private readonly int? _single;
    private readonly IReadOnlyList<(string Team, int K)> _perTeam;

    private AnonymityThresholds(int? single, IReadOnlyList<(string Team, int K)> perTeam)
    {
        _single = single;
        _perTeam = perTeam;
    }

    /// <summary>The smallest k named; texts that must hold for every team can rely on at least this many.</summary>
    public int Lowest => _single ?? _perTeam.Min(t => t.K);

    /// <summary>"at least 7 people"; for teams with different k, "enough people (at least 7 in Platform, 5 in Ops)".</summary>
    public string People => _single is { } k
        ? $"at least {Number(k)} people"
        : $"enough people (at least {string.Join(", ", _perTeam.Select(t => $"{Number(t.K)} in {t.Team}"))})";

    /// <summary>No threshold below this is honoured, whatever a team configured.</summary>
    public const int MinimumThreshold = 3;

    /// <summary>The effective threshold: the configured one, but never below <see cref="MinimumThreshold"/>.</summary>
    public static int EffectiveThreshold(int threshold) => Math.Max(threshold, MinimumThreshold);

    public static AnonymityThresholds Of(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, MinimumThreshold);
        return new AnonymityThresholds(k, []);
    }

    /// <summary>One k per team; a single number when all the teams use the same one.</summary>
    public static AnonymityThresholds PerTeam(IReadOnlyList<(string Team, int K)> teams)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentOutOfRangeException.ThrowIfZero(teams.Count);
        var distinct = teams.Select(t => t.K).Distinct().ToList();
        return distinct.Count == 1 ? Of(distinct[0]) : new AnonymityThresholds(null, [.. teams.OrderByDescending(t => t.K)]);
    }

    private static string Number(int k) => k.ToString(CultureInfo.InvariantCulture);
}
