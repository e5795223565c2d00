using System.Runtime.CompilerServices;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Tests.Nudges;

/// <summary>An in-memory leader store: one row per (tenant, team, user); person look-ups by user id or Entra id.</summary>
internal sealed class FakeLeaderStore : ILeaderStore
{
    private readonly Dictionary<(string TenantId, string TeamKey, string UserId), Leader> _rows = [];
    private readonly Lock _lock = new();

    public int Updates { get; private set; }

    public Leader? this[string teamKey, string userId]
    {
        get
        {
            lock (_lock)
            {
                return _rows.Values.SingleOrDefault(l => l.TeamKey == teamKey && l.UserId == userId);
            }
        }
    }

    public Task<bool> AddAsync(Leader leader, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.TryAdd((leader.TenantId, leader.TeamKey, leader.UserId), leader));
        }
    }

    public Task<bool> RemoveAsync(string tenantId, string teamKey, string userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.Remove((tenantId, teamKey, userId)));
        }
    }

    public Task<Leader?> GetAsync(string tenantId, string teamKey, string userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.GetValueOrDefault((tenantId, teamKey, userId)));
        }
    }

    public async IAsyncEnumerable<Leader> ListForTeamAsync(string tenantId, string teamKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var leader in Snapshot().Where(l => l.TenantId == tenantId && l.TeamKey == teamKey))
        {
            yield return leader;
        }
    }

    public async IAsyncEnumerable<Leader> ListForPersonAsync(
        string tenantId, string? userId, string? aadObjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var leader in Snapshot().Where(l => l.TenantId == tenantId
            && ((userId is not null && l.UserId == userId) || (aadObjectId is not null && l.AadObjectId == aadObjectId))))
        {
            yield return leader;
        }
    }

    public Task<bool> UpdateAsync(Leader leader, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (leader.TenantId, leader.TeamKey, leader.UserId);
            if (!_rows.ContainsKey(key))
            {
                return Task.FromResult(false);
            }

            _rows[key] = leader;
            Updates++;
            return Task.FromResult(true);
        }
    }

    private List<Leader> Snapshot()
    {
        lock (_lock)
        {
            return [.. _rows.Values];
        }
    }
}
