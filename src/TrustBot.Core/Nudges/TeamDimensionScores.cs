using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Questions;

namespace TrustBot.Core.Nudges;

/// <summary>
/// The team's recent dimension scores, for choosing a leader's habit. Every number comes through
/// <see cref="CheckInScoring.Results"/>, so a check-in that fewer than k people answered adds nothing at all.
/// </summary>
public sealed class TeamDimensionScores(ICheckInStore checkIns, IBallotBox ballots, CheckInStatements statements)
{
    /// <summary>How many of the latest closed check-ins are combined.</summary>
    public const int RecentCheckIns = 4;

    /// <summary>
    /// Per dimension, the mean of its scores over the latest closed check-ins (at most <see cref="RecentCheckIns"/>)
    /// that passed the threshold, with the answers behind them summed; empty when none passed.
    /// </summary>
    public async Task<IReadOnlyList<DimensionScore>> GetAsync(string tenantId, string installationKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(installationKey);

        var perDimension = new Dictionary<string, (double Sum, int CheckIns, int Answers)>(StringComparer.Ordinal);
        var closed = 0;
        await foreach (var checkIn in checkIns.ListForInstallationAsync(tenantId, installationKey, cancellationToken))
        {
            if (checkIn.Status != CheckInStatus.Closed)
            {
                continue;
            }

            var tally = await ballots.GetTallyAsync(checkIn.TenantId, checkIn.CheckInId, cancellationToken);
            var asked = await statements.ResolveAsync(checkIn, cancellationToken);
            if (CheckInScoring.Results(tally, asked, checkIn.Threshold) is { } results)
            {
                Add(perDimension, results);
            }

            if (++closed == RecentCheckIns)
            {
                break;
            }
        }

        return perDimension
            .Select(pair => new DimensionScore(pair.Key, pair.Value.Sum / pair.Value.CheckIns, pair.Value.Answers))
            .OrderBy(score => score.Dimension, StringComparer.Ordinal)
            .ToList();
    }

    private static void Add(Dictionary<string, (double Sum, int CheckIns, int Answers)> perDimension, CheckInResults results)
    {
        foreach (var (dimension, score) in results.Dimensions)
        {
            var answers = results.Statements
                .Where(s => string.Equals(s.Statement.Dimension, dimension, StringComparison.Ordinal))
                .Sum(s => s.Answers);
            var current = perDimension.GetValueOrDefault(dimension);
            perDimension[dimension] = (current.Sum + score, current.CheckIns + 1, current.Answers + answers);
        }
    }
}
