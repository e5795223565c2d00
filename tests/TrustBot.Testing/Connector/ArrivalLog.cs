using TrustBot.Protocol.Connector;

namespace TrustBot.Testing.Connector;

// Sliding windows over admitted arrivals (TimeProvider timestamps, in order). A window of length L and limit n admits
// a request at t unless n admitted arrivals lie in (t - L, t]; an arrival exactly L before no longer counts, which is
// the same edge the client's limiter uses. Not thread-safe: the connector calls it under its lock.
internal sealed class ArrivalLog
{
    private readonly (long Length, int Limit, RateLimitWindow Source)[] _windows;
    private readonly int _capacity;
    private readonly List<long> _arrivals = [];

    public ArrivalLog(IReadOnlyList<RateLimitWindow> windows, long timestampFrequency)
    {
        _windows = windows
            .Select(w => ((long)Math.Ceiling(w.Window.TotalSeconds * timestampFrequency), w.Limit, w))
            .ToArray();
        _capacity = _windows.Length == 0 ? 0 : _windows.Max(w => w.Limit);
    }

    public long NewestArrival => _arrivals.Count == 0 ? long.MinValue : _arrivals[^1];

    public long LongestWindow => _windows.Length == 0 ? 0 : _windows.Max(w => w.Length);

    // How long (timestamp units) until every window admits a request at now, and the window that binds longest.
    public (long Wait, RateLimitWindow? Window) WaitAt(long now)
    {
        var wait = 0L;
        RateLimitWindow? binding = null;
        foreach (var (length, limit, source) in _windows)
        {
            if (_arrivals.Count < limit)
            {
                continue;
            }

            // The arrival that must leave the window before one more fits.
            var leavesAt = _arrivals[^limit] + length;
            if (leavesAt - now > wait)
            {
                wait = leavesAt - now;
                binding = source;
            }
        }

        return (wait, binding);
    }

    public void Admit(long now)
    {
        if (_capacity == 0)
        {
            return;
        }

        _arrivals.Add(now);
        if (_arrivals.Count > _capacity)
        {
            _arrivals.RemoveRange(0, _arrivals.Count - _capacity);
        }
    }
}
