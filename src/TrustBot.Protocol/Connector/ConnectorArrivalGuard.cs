namespace TrustBot.Protocol.Connector;

/// <summary>
/// The app-wide windows once more, on the instants requests really go out (<see cref="ConnectorRateLimits.PerAppAsSent"/>)
/// rather than the instants <see cref="ConnectorRateLimiter"/> reserved for them. A host that stalls (starved of CPU, a
/// long pause) sends the requests whose instants passed meanwhile late and together, while the requests reserved a
/// second after them still go on time: Teams, counting arrivals, finds more than its limit in one window and answers
/// 429, and each refused request then waits a whole second of <c>Retry-After</c> — at the end of a fan-out, a second
/// added to all of it. Held here, such a request waits only until the window allows it. A host that keeps time is never
/// held: the reserved instants lie inside these windows. Like the limiter's app windows, they count per tenant (Teams
/// counts an app's requests per tenant), so one tenant's late burst never holds another's; a tenant is forgotten once
/// none of its requests can count any more.
/// </summary>
public sealed class ConnectorArrivalGuard
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly (long Length, int Limit)[] _windows;
    private readonly int _capacity;
    private readonly long _longest;
    private readonly Dictionary<string, List<long>> _sentByTenant = [];
    private long _nextPrune;
    private int _held;

    public ConnectorArrivalGuard(TimeProvider timeProvider, ConnectorRateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(limits);
        _timeProvider = timeProvider;
        _windows = limits.PerAppAsSent
            .Select(w => ((long)Math.Ceiling(w.Window.TotalSeconds * timeProvider.TimestampFrequency), w.Limit))
            .ToArray();
        _capacity = _windows.Length == 0 ? 0 : _windows.Max(w => w.Limit);
        _longest = _windows.Length == 0 ? 0 : _windows.Max(w => w.Length);
    }

    /// <summary>How many requests are being held right now.</summary>
    public int HeldCount => Volatile.Read(ref _held);

    /// <summary>Tenants whose requests still count in a window (at most those sent to within the longest one).</summary>
    public int TrackedTenants
    {
        get
        {
            lock (_gate)
            {
                return _sentByTenant.Count;
            }
        }
    }

    /// <summary>Returns once a request of <paramref name="tenantId"/> may go out now, and counts it as gone out now.</summary>
    public async ValueTask WaitAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (_capacity == 0)
        {
            return;
        }

        var holding = false;
        try
        {
            while (true)
            {
                long wait;
                lock (_gate)
                {
                    var now = _timeProvider.GetTimestamp();
                    PruneIfDue(now);
                    if (!_sentByTenant.TryGetValue(tenantId, out var sent))
                    {
                        sent = [];
                        _sentByTenant.Add(tenantId, sent);
                    }

                    wait = WaitAt(sent, now);
                    if (wait <= 0)
                    {
                        sent.Add(now);
                        if (sent.Count > _capacity)
                        {
                            sent.RemoveRange(0, sent.Count - _capacity);
                        }

                        return;
                    }
                }

                if (!holding)
                {
                    holding = true;
                    Interlocked.Increment(ref _held);
                }

                await Task.Delay(TimeSpan.FromSeconds(wait / (double)_timeProvider.TimestampFrequency), _timeProvider, cancellationToken);
            }
        }
        finally
        {
            if (holding)
            {
                Interlocked.Decrement(ref _held);
            }
        }
    }

    // A window of length L and limit n admits a request at now unless n of those sent lie in (now - L, now].
    private long WaitAt(List<long> sent, long now)
    {
        var wait = 0L;
        foreach (var (length, limit) in _windows)
        {
            if (sent.Count >= limit)
            {
                wait = Math.Max(wait, sent[^limit] + length - now);
            }
        }

        return wait;
    }

    // Once per longest window, the tenants none of whose requests can count any more are dropped.
    private void PruneIfDue(long now)
    {
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + _longest;
        foreach (var (tenantId, sent) in _sentByTenant)
        {
            if (sent.Count == 0 || sent[^1] + _longest <= now)
            {
                _sentByTenant.Remove(tenantId);
            }
        }
    }
}
