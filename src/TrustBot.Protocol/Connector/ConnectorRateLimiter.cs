namespace TrustBot.Protocol.Connector;

/// <summary>
/// Paces Connector requests below the Teams limits so the bot waits for a slot instead of earning a 429.
/// Each call reserves the earliest instant every window allows (per conversation, in order, and per app) under one
/// lock, then waits until that instant on the <see cref="TimeProvider"/>. Slots are sliding-window logs of reserved
/// instants; a conversation is forgotten once its newest slot is older than the longest window.
/// </summary>
/// <remarks>
/// Memory grows with the conversations sent to within the longest window (an hour for Teams: a conversation that saw
/// one send can still be held to 1,800 an hour, so its instant must be kept that long to pace exactly). So each is
/// kept small: keyed by a 64-bit hash of its id rather than the id itself, its first two instants in the map entry
/// itself and more in a ring that grows only while it is busy; and at most <see cref="DefaultMaxConversations"/> are tracked (past that, idle ones are pruned at once,
/// then the longest idle tenth is forgotten, which can only let a forgotten conversation's hourly count restart).
/// <para>
/// Why ours and not System.Threading.RateLimiting (which the resilience library builds on): Teams counts one request
/// against several sliding windows at once (per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app more), and a
/// request may go only when every window of its conversation and of the app has room. The library's limiters each
/// hold one window and grant a permit at once or queue per limiter, so chaining them per conversation would take a
/// permit from one window and then wait on another (spending capacity it did not use), and could not reserve the
/// earliest instant all windows allow in one step, in order per conversation.
/// </para>
/// </remarks>
public sealed class ConnectorRateLimiter
{
    /// <summary>Conversations tracked at most (about 50 bytes each while they are quiet).</summary>
    public const int DefaultMaxConversations = 100_000;

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Window[] _conversationWindows;
    private readonly Window[] _appWindows;
    private readonly int _conversationLogCapacity;
    private readonly long _conversationRetention;
    private readonly long _appRetention;
    private readonly long _pruneInterval;
    private readonly int _maxConversations;
    private readonly Dictionary<ulong, ConversationSlotLog> _conversations = [];
    private readonly List<long> _app = [];
    private long _nextPrune;

    /// <summary>Creates a limiter enforcing <paramref name="limits"/> on <paramref name="timeProvider"/>'s clock.</summary>
    public ConnectorRateLimiter(TimeProvider timeProvider, ConnectorRateLimits limits)
        : this(timeProvider, limits, DefaultMaxConversations)
    {
    }

    internal ConnectorRateLimiter(TimeProvider timeProvider, ConnectorRateLimits limits, int maxConversations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConversations, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(limits);
        _timeProvider = timeProvider;
        Limits = limits;
        _conversationWindows = limits.PerConversation.Select(ToWindow).ToArray();
        _appWindows = limits.PerApp.Select(ToWindow).ToArray();
        _conversationLogCapacity = _conversationWindows.Length == 0 ? 1 : _conversationWindows.Max(w => w.Limit);
        _conversationRetention = _conversationWindows.Length == 0 ? 0 : _conversationWindows.Max(w => w.Length);
        _appRetention = _appWindows.Length == 0 ? 0 : _appWindows.Max(w => w.Length);
        _pruneInterval = Math.Max(ToTimestamp(TimeSpan.FromMinutes(1)), 1);
        _nextPrune = timeProvider.GetTimestamp() + _pruneInterval;
        _maxConversations = maxConversations;
    }

    /// <summary>The limits this instance enforces.</summary>
    public ConnectorRateLimits Limits { get; }

    /// <summary>How many conversations currently hold slot history (bounded by pruning).</summary>
    public int TrackedConversationCount
    {
        get
        {
            lock (_gate)
            {
                return _conversations.Count;
            }
        }
    }

    /// <summary>How many requests hold a slot later than now, that is, are waiting to be sent.</summary>
    public int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _app.Count - UpperBound(_timeProvider.GetTimestamp());
            }
        }
    }

    /// <summary>
    /// Reserves the next slot for <paramref name="conversationId"/> and waits until it is due. A cancelled wait gives
    /// its slot back.
    /// </summary>
    public async ValueTask WaitAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        cancellationToken.ThrowIfCancellationRequested();
        var (slot, now) = ReserveSlot(conversationId);
        if (slot <= now)
        {
            return;
        }

        try
        {
            await Task.Delay(ToTimeSpan(slot - now), _timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                Release(conversationId, slot);
            }

            throw;
        }
    }

    /// <summary>How long a request for <paramref name="conversationId"/> made now would wait (nothing is reserved).</summary>
    public TimeSpan GetDelay(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            var slot = EarliestAppSlot(EarliestConversationSlot(_conversations.GetValueOrDefault(KeyOf(conversationId)), now));
            return slot <= now ? TimeSpan.Zero : ToTimeSpan(slot - now);
        }
    }

    // The reserved instant and the instant of reservation, in TimeProvider timestamp units.
    internal (long Slot, long Now) ReserveSlot(string conversationId)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            PruneIfDue(now);
            return (Reserve(conversationId, now), now);
        }
    }

    private long Reserve(string conversationId, long now)
    {
        var key = KeyOf(conversationId);
        if (!_conversations.TryGetValue(key, out var log) && _conversations.Count >= _maxConversations)
        {
            MakeRoom(now);
        }

        var slot = EarliestAppSlot(EarliestConversationSlot(log, now));

        // A conversation's slots stay in order, which keeps its messages in order and its log sorted; past the
        // longest window's limit the oldest instant leaves. The log is a value: the changed copy goes back.
        log.Add(slot, _conversationLogCapacity);
        _conversations[key] = log;
        _app.Insert(UpperBound(slot), slot);
        return slot;
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

    // App slots are not in order (a conversation that waits must not hold up the others), so a new slot may land
    // between reserved ones. The earliest valid instant is the lower bound itself, a reserved instant, or a reserved
    // instant plus a window length: those are the only places where validity can begin.
    private long EarliestAppSlot(long lowerBound)
    {
        if (_appWindows.Length == 0 || IsAppSlotValid(lowerBound))
        {
            return lowerBound;
        }

        var candidates = new SortedSet<long>();
        foreach (var reserved in _app)
        {
            if (reserved > lowerBound)
            {
                candidates.Add(reserved);
            }

            foreach (var window in _appWindows)
            {
                if (reserved + window.Length > lowerBound)
                {
                    candidates.Add(reserved + window.Length);
                }
            }
        }

        foreach (var candidate in candidates)
        {
            if (IsAppSlotValid(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No app slot found; the slot log is inconsistent.");
    }

    // Valid when every run of Limit + 1 consecutive slots that includes the candidate spans at least the window.
    private bool IsAppSlotValid(long candidate)
    {
        var position = UpperBound(candidate);
        foreach (var window in _appWindows)
        {
            for (var first = position - window.Limit; first <= position; first++)
            {
                var last = first + window.Limit;
                if (first < 0 || last > _app.Count)
                {
                    continue;
                }

                if (AppSlotAt(last, position, candidate) - AppSlotAt(first, position, candidate) < window.Length)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private long AppSlotAt(int mergedIndex, int position, long candidate) =>
        mergedIndex < position ? _app[mergedIndex] : mergedIndex == position ? candidate : _app[mergedIndex - 1];

    private int UpperBound(long value)
    {
        int low = 0, high = _app.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_app[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private void Release(string conversationId, long slot)
    {
        var key = KeyOf(conversationId);
        if (_conversations.TryGetValue(key, out var log))
        {
            log.Remove(slot);
            _conversations[key] = log;
        }

        _app.Remove(slot);
    }

    private void PruneIfDue(long now)
    {
        var expired = 0;
        while (expired < _app.Count && _app[expired] + _appRetention <= now)
        {
            expired++;
        }

        _app.RemoveRange(0, expired);
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + _pruneInterval;
        PruneIdle(now);
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

    private Window ToWindow(RateLimitWindow window)
    {
        if (window.Limit < 1 || window.Window <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Rate-limit window {window} needs a positive limit and length.", nameof(window));
        }

        return new Window(ToTimestamp(window.Window), window.Limit);
    }

    private long ToTimestamp(TimeSpan span) =>
        (long)Math.Ceiling(span.TotalSeconds * _timeProvider.TimestampFrequency);

    private TimeSpan ToTimeSpan(long timestampDelta) =>
        TimeSpan.FromTicks((long)Math.Ceiling(timestampDelta * (double)TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency));

    private readonly record struct Window(long Length, int Limit);
}
