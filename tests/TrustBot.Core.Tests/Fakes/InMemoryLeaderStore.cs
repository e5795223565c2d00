using System.Runtime.CompilerServices;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Tests.Fakes;

/// <summary>A leader store that honours the port's contract: add never overwrites, update never creates.</summary>
internal sealed class InMemoryLeaderStore : ILeaderStore
{
    private readonly Dictionary<(string TenantId, string TeamKey, string UserId), Leader> _rows = [];
    private readonly Lock _lock = new();

    public int ListForPersonCalls { get; private set; }

    public int UpdateCalls { get; private set; }

    public bool FailListing { get; set; }

    public IReadOnlyList<Leader> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows.Values];
            }
        }
    }

    /// <summary>The leader of <paramref name="teamKey"/> with <paramref name="userId"/> (any tenant), or null.</summary>
    public Leader? this[string teamKey, string userId] => All.SingleOrDefault(l => l.TeamKey == teamKey && l.UserId == userId);

    public void Seed(Leader leader)
    {
        lock (_lock)
        {
            _rows[(leader.TenantId, leader.TeamKey, leader.UserId)] = leader;
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
        foreach (var leader in All.Where(l => l.TenantId == tenantId && l.TeamKey == teamKey))
        {
            yield return leader;
        }
    }

    public async IAsyncEnumerable<Leader> ListForPersonAsync(
        string tenantId, string? userId, string? aadObjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ListForPersonCalls++;
        await Task.Yield();
        if (FailListing)
        {
            throw new InvalidOperationException("storage is down");
        }

        foreach (var leader in All.Where(l => l.TenantId == tenantId
            && ((userId is not null && l.UserId == userId) || (aadObjectId is not null && l.AadObjectId == aadObjectId))))
        {
            yield return leader;
        }
    }

    public Task<bool> UpdateAsync(Leader leader, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            UpdateCalls++;
            var key = (leader.TenantId, leader.TeamKey, leader.UserId);
            if (!_rows.ContainsKey(key))
            {
                return Task.FromResult(false);
            }

            _rows[key] = leader;
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetChatAsync(string tenantId, string teamKey, string userId, string chatConversationId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            UpdateCalls++;
            var key = (tenantId, teamKey, userId);
            if (!_rows.TryGetValue(key, out var leader))
            {
                return Task.FromResult(false);
            }

            _rows[key] = leader with { ChatConversationId = chatConversationId };
            return Task.FromResult(true);
        }
    }
}
