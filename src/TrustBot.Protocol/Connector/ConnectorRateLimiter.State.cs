namespace TrustBot.Protocol.Connector;

// The conversations and tenants the limiter tracks, and how their maps are kept bounded.
public sealed partial class ConnectorRateLimiter
{
    // A copy of the conversation's log (empty if it has none yet): a changed log goes back through Record.
    private ConversationSlotLog ConversationLog(ulong key, long now)
    {
        if (_conversations.TryGetValue(key, out var log))
        {
            return log;
        }

        if (_conversations.Count >= _maxConversations)
        {
            MakeRoom(now);
        }

        return default;
    }

    private TenantPacing Tenant(string tenantId, long now)
    {
        if (!_tenants.TryGetValue(tenantId, out var tenant))
        {
            if (_tenants.Count >= _maxTenants)
            {
                MakeTenantRoom(now);
            }

            tenant = new TenantPacing(tenantId);
            _tenants.Add(tenantId, tenant);
        }

        tenant.Slots.Forget(now, _appRetention);
        return tenant;
    }

    private long EarliestConversationSlot(in ConversationSlotLog log, long now)
    {
        var slot = now;
        if (log.Count == 0)
        {
            return slot;
        }

        slot = Math.Max(slot, log.Newest);
        foreach (var window in _conversationWindows)
        {
            if (log.Count >= window.Limit)
            {
                slot = Math.Max(slot, log[log.Count - window.Limit] + window.Length);
            }
        }

        return slot;
    }

    private void PruneIfDue(long now)
    {
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + _pruneInterval;
        PruneIdle(now);
        PruneIdleTenants(now);
    }

    private void PruneIdle(long now)
    {
        List<ulong>? idle = null;
        foreach (var (key, log) in _conversations)
        {
            if (log.Count == 0 || log.Newest + _conversationRetention <= now)
            {
                (idle ??= []).Add(key);
            }
        }

        idle?.ForEach(key => _conversations.Remove(key));
    }

    private void PruneIdleTenants(long now)
    {
        List<string>? idle = null;
        foreach (var (key, tenant) in _tenants)
        {
            tenant.Slots.Forget(now, _appRetention);
            if (tenant.IsIdle(now, _appRetention))
            {
                (idle ??= []).Add(key);
            }
        }

        idle?.ForEach(key => _tenants.Remove(key));
    }

    // Full: the idle go first; if every conversation was sent to within the hour, the tenth idle the longest is
    // forgotten (a tenth, so that a flood of new conversations does not scan the map on every send).
    private void MakeRoom(long now)
    {
        PruneIdle(now);
        if (_conversations.Count < _maxConversations)
        {
            return;
        }

        var evict = Math.Max(1, _conversations.Count / 10);
        foreach (var key in _conversations.OrderBy(c => c.Value.Count == 0 ? long.MinValue : c.Value.Newest).Take(evict).Select(c => c.Key).ToList())
        {
            _conversations.Remove(key);
        }
    }

    // The same for tenants, except that one with requests waiting or slots still ahead is never forgotten: its waiting
    // requests would go on with state nobody else sees. If every tenant is that busy, the map grows past its bound.
    private void MakeTenantRoom(long now)
    {
        PruneIdleTenants(now);
        if (_tenants.Count < _maxTenants)
        {
            return;
        }

        var evict = Math.Max(1, _tenants.Count / 10);
        var quiet = _tenants
            .Where(t => t.Value.Waiting == 0 && t.Value.Reservation is null && t.Value.BookedUntil < now)
            .OrderBy(t => t.Value.BookedUntil)
            .Take(evict)
            .Select(t => t.Key)
            .ToList();
        quiet.ForEach(key => _tenants.Remove(key));
    }

    // FNV-1a over the UTF-16 code units: the map keeps 8 bytes per conversation instead of its id (often 60 to 100
    // characters). Two live conversations with the same hash would share one log, which only paces them more strictly.
    private static ulong KeyOf(string conversationId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in conversationId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
