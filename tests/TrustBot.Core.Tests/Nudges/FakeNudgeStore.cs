using TrustBot.Core.Nudges;

namespace TrustBot.Core.Tests.Nudges;

/// <summary>A nudge store that keeps the port's contract: replace by id, newest first, Not-for-me kept whatever its age.</summary>
internal sealed class FakeNudgeStore : INudgeStore
{
    private readonly List<NudgeRecord> _rows = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<NudgeRecord> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows];
            }
        }
    }

    public NudgeRecord? this[string nudgeId]
    {
        get
        {
            lock (_lock)
            {
                return _rows.SingleOrDefault(r => r.NudgeId == nudgeId);
            }
        }
    }

    public Task SaveAsync(NudgeRecord record, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _rows.RemoveAll(r => Same(r, record.TenantId, record.TeamKey, record.LeaderUserId) && r.NudgeId == record.NudgeId);
            _rows.Add(record);
        }

        return Task.CompletedTask;
    }

    public Task<NudgeRecord?> GetAsync(string tenantId, string teamKey, string leaderUserId, string nudgeId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.SingleOrDefault(r => Same(r, tenantId, teamKey, leaderUserId) && r.NudgeId == nudgeId));
        }
    }

    public Task<IReadOnlyList<NudgeRecord>> ListForLeaderAsync(
        string tenantId, string teamKey, string leaderUserId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<NudgeRecord> list = _rows
                .Where(r => Same(r, tenantId, teamKey, leaderUserId) && (r.SentAt >= since || r.Response == NudgeResponse.NotForMe))
                .OrderByDescending(r => r.SentAt)
                .ToList();
            return Task.FromResult(list);
        }
    }

    public Task<bool> SetResponseAsync(
        string tenantId, string teamKey, string leaderUserId, string nudgeId, NudgeResponse response, DateTimeOffset respondedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _rows.FindIndex(r => Same(r, tenantId, teamKey, leaderUserId) && r.NudgeId == nudgeId);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _rows[index] = _rows[index] with { Response = response, RespondedAt = respondedAt };
            return Task.FromResult(true);
        }
    }

    private static bool Same(NudgeRecord r, string tenantId, string teamKey, string leaderUserId) =>
        r.TenantId == tenantId && r.TeamKey == teamKey && r.LeaderUserId == leaderUserId;
}
