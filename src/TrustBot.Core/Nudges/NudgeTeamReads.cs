using Microsoft.Extensions.Caching.Memory;
using TrustBot.Core.Caching;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Nudges;

/// <summary>
/// Reads a team's installation, leaders and dimension scores once for all of its nudges planned within
/// <see cref="FreshFor"/>: a team's leaders tend to be due at the same hour (Monday 09:00), and reading the same three
/// things for each of them would cost three reads per nudge instead of three per team. Concurrent planners of one team
/// wait for one read.
/// </summary>
public sealed class NudgeTeamReads(
    IInstallationStore installations, ILeaderStore leaders, TeamDimensionScores scores, TimeProvider timeProvider) : IDisposable
{
    /// <summary>
    /// How long one read serves: about one scheduler pass. A change to the team within it (a leader removed, a pause)
    /// reaches the nudges planned after it, as it would reach a nudge already planned.
    /// </summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    /// <summary>Teams remembered at most; past it the least recently used make room.</summary>
    internal const int Capacity = 1024;

    private readonly MemoryCache _teams = BoundedMemoryCache.Create(Capacity, timeProvider);
    private readonly SharedRead<(string TenantId, string TeamKey), NudgeTeam> _reads = new();

    public async Task<NudgeTeam> GetAsync(string tenantId, string teamKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(teamKey);
        if (_teams.TryGetValue((tenantId, teamKey), out NudgeTeam? known) && known is not null)
        {
            return known;
        }

        return await _reads.RunAsync((tenantId, teamKey), () => ReadAsync(tenantId, teamKey), cancellationToken);
    }

    /// <summary>
    /// Reads the team again, whatever is remembered or being read: for a leader the shared read did not find, who may
    /// have been added after it began. What it reads serves the next planners.
    /// </summary>
    public Task<NudgeTeam> ReadAgainAsync(string tenantId, string teamKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(teamKey);
        return ReadAsync(tenantId, teamKey);
    }

    public void Dispose() => _teams.Dispose();

    // Not the caller's token: other planners of the team wait for this read too.
    private async Task<NudgeTeam> ReadAsync(string tenantId, string teamKey)
    {
        var readAt = timeProvider.GetUtcNow();
        var installation = await installations.GetAsync(tenantId, teamKey, CancellationToken.None);
        var byUser = new Dictionary<string, Leader>(StringComparer.Ordinal);
        IReadOnlyList<DimensionScore> teamScores = [];
        if (installation is { IsActiveTeam: true })
        {
            await foreach (var leader in leaders.ListForTeamAsync(tenantId, teamKey, CancellationToken.None))
            {
                byUser[leader.UserId] = leader;
            }

            teamScores = await scores.GetAsync(tenantId, teamKey, CancellationToken.None);
        }

        var team = new NudgeTeam(installation, byUser, teamScores);
        BoundedMemoryCache.Keep(_teams, Capacity, (tenantId, teamKey), team, readAt + FreshFor);
        return team;
    }
}
