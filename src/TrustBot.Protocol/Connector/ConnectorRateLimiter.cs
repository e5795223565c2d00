using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TrustBot.Protocol.Connector;

/// <summary>
/// Paces Connector requests below the Teams limits so the bot waits for a slot instead of earning a 429. Teams counts a
/// request against its conversation's windows and against the app's windows in its tenant, so the limiter keeps both:
/// each call reserves the earliest instant every window allows (per conversation, in order, and per tenant) under one
/// lock, then waits until that instant on the <see cref="TimeProvider"/>. Slots are sliding-window logs of reserved
/// instants; a conversation or tenant is forgotten once none of its instants can count any more.
/// </summary>
/// <remarks>
/// <para>
/// Per tenant: a busy tenant fills only its own app windows, so another tenant's sends never wait behind it.
/// </para>
/// <para>
/// Across instances: Teams counts a tenant's app limit over every instance together, which no instance sees alone.
/// Given an <see cref="IConnectorSendBudget"/>, a tenant's app slots are instants of one schedule shared by all
/// instances, spaced so that every app window holds whoever sends in them (for Teams, one per 21 ms: 50 in any
/// 1.05 s, 5 in any 105 ms). The limiter books a few at a time (as many as requests wait, at most
/// <see cref="MaxChunk"/>, at most half a second ahead) and uses each once; a conversation's windows stay local, since
/// one conversation's sends come from whichever instance sends them but each must still wait its turn. While the
/// schedule cannot be reached, each instance paces each tenant at 1/<c>instances</c> of the app windows on its own, so
/// that as many instances together still keep to them.
/// </para>
/// <para>
/// Memory grows with the conversations sent to within the longest window (an hour for Teams: a conversation that saw
/// one send can still be held to 1,800 an hour, so its instant must be kept that long to pace exactly). So each is
/// kept small: keyed by a 64-bit hash of its id rather than the id itself, its first two instants in the map entry
/// itself and more in a ring that grows only while it is busy; and at most <see cref="DefaultMaxConversations"/> are tracked (past that, idle ones are pruned at once,
/// then the longest idle tenth is forgotten, which can only let a forgotten conversation's hourly count restart). A
/// tenant is kept only while its last second of sends still counts, and at most <see cref="DefaultMaxTenants"/> are.
/// </para>
/// <para>
/// Why ours and not System.Threading.RateLimiting (which the resilience library builds on): Teams counts one request
/// against several sliding windows at once (per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app more), and a
/// request may go only when every window of its conversation and of the app has room. The library's limiters each
/// hold one window and grant a permit at once or queue per limiter, so chaining them per conversation would take a
/// permit from one window and then wait on another (spending capacity it did not use), and could not reserve the
/// earliest instant all windows allow in one step, in order per conversation.
/// </para>
/// </remarks>
public sealed partial class ConnectorRateLimiter
{
    /// <summary>Conversations tracked at most (about 50 bytes each while they are quiet).</summary>
    public const int DefaultMaxConversations = 100_000;

    /// <summary>Tenants tracked at most; a tenant is tracked only while its sends of the last second still count.</summary>
    public const int DefaultMaxTenants = 10_000;

    /// <summary>
    /// Shared slots booked at once at most: a burst costs one storage call per ten sends, and a booking that goes
    /// unused (its requests were cancelled) keeps at most a fifth of a second of the tenant's schedule from the others.
    /// </summary>
    public const int MaxChunk = 10;

    // A granted instant is still used this late (an answer slower than the last, a thread slow to wake); an earlier
    // one is dropped, because used late it would crowd the slots after it, which may be another instance's.
    private static readonly TimeSpan LateTolerance = TimeSpan.FromMilliseconds(20);

    // A slot handed by the booking a request waited for is still used this late: as late as the gap the shared schedule
    // leaves where it passes to another instance, so used late it crowds only this instance's own next slots, which
    // the arrival guard holds. Later than that it is dropped, and the request books again.
    private static readonly TimeSpan BookingLateTolerance = TimeSpan.FromMilliseconds(100);

    // How far ahead this instance books a tenant's schedule: enough to keep its waiting requests fed while the next
    // booking is on its way, little enough that slots booked by an instance that then dies cost the others little.
    private static readonly TimeSpan Horizon = TimeSpan.FromMilliseconds(500);

    // A tenant that used this many slots within BurstWindow is in a burst, and keeps at least KeepAheadSlots spare
    // slots booked (about a storage round trip's worth under load) while it is.
    private const int BurstSlots = 3;
    private const int KeepAheadSlots = 5;
    private static readonly TimeSpan BurstWindow = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly SlotWindow[] _conversationWindows;
    private readonly SlotWindow[] _appWindows;
    private readonly SlotWindow[] _localShareWindows;
    private readonly int _conversationLogCapacity;
    private readonly long _conversationRetention;
    private readonly long _appRetention;
    private readonly long _pruneInterval;
    private readonly int _maxConversations;
    private readonly int _maxTenants;
    private readonly SharedAppBudget? _shared;
    private readonly TimeSpan _spacing;
    private readonly long _spacingTimestamp;
    private readonly long _lateTolerance;
    private readonly long _bookingLateTolerance;
    private readonly long _horizon;
    private readonly long _burstWindow;
    private readonly Dictionary<ulong, ConversationSlotLog> _conversations = [];
    private readonly Dictionary<string, TenantPacing> _tenants = new(StringComparer.Ordinal);
    private long _nextPrune;
    private int _pending;

    /// <summary>Creates a limiter enforcing <paramref name="limits"/> on <paramref name="timeProvider"/>'s clock, in this process alone.</summary>
    public ConnectorRateLimiter(TimeProvider timeProvider, ConnectorRateLimits limits)
        : this(timeProvider, limits, DefaultMaxConversations)
    {
    }

    /// <summary>
    /// Creates a limiter whose tenants' app slots come from <paramref name="sharedBudget"/>, the schedule every instance
    /// shares; while it cannot be reached, each tenant is paced here at 1/<paramref name="instances"/> of the app windows.
    /// </summary>
    public ConnectorRateLimiter(TimeProvider timeProvider, ConnectorRateLimits limits, IConnectorSendBudget? sharedBudget, int instances, ILogger logger)
        : this(timeProvider, limits, DefaultMaxConversations, DefaultMaxTenants, sharedBudget, instances, logger)
    {
    }

    internal ConnectorRateLimiter(
        TimeProvider timeProvider,
        ConnectorRateLimits limits,
        int maxConversations,
        int maxTenants = DefaultMaxTenants,
        IConnectorSendBudget? sharedBudget = null,
        int instances = 1,
        ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConversations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTenants, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(limits);
        _timeProvider = timeProvider;
        Limits = limits;
        _conversationWindows = limits.PerConversation.Select(ToWindow).ToArray();
        _appWindows = limits.PerApp.Select(ToWindow).ToArray();
        _localShareWindows = _appWindows.Select(w => w with { Limit = Math.Max(1, w.Limit / instances) }).ToArray();
        _conversationLogCapacity = _conversationWindows.Length == 0 ? 1 : _conversationWindows.Max(w => w.Limit);
        _conversationRetention = _conversationWindows.Length == 0 ? 0 : _conversationWindows.Max(w => w.Length);
        _appRetention = _appWindows.Length == 0 ? 0 : _appWindows.Max(w => w.Length);
        _pruneInterval = Math.Max(ToTimestamp(TimeSpan.FromMinutes(1)), 1);
        _nextPrune = timeProvider.GetTimestamp() + _pruneInterval;
        _maxConversations = maxConversations;
        _maxTenants = maxTenants;

        // Slots that far apart keep every app window: n + 1 of them span n spacings, at least the window's length.
        _spacingTimestamp = _appWindows.Length == 0 ? 0 : _appWindows.Max(w => (w.Length + w.Limit - 1) / w.Limit);
        _spacing = ToTimeSpan(_spacingTimestamp);
        _lateTolerance = ToTimestamp(LateTolerance);
        _bookingLateTolerance = ToTimestamp(BookingLateTolerance);
        _horizon = ToTimestamp(Horizon);
        _burstWindow = ToTimestamp(BurstWindow);
        if (sharedBudget is not null && _spacingTimestamp > 0)
        {
            _shared = new SharedAppBudget(sharedBudget, timeProvider, instances, logger ?? NullLogger.Instance);
        }
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

    /// <summary>How many tenants currently hold slot history or wait for slots (bounded by pruning).</summary>
    public int TrackedTenantCount
    {
        get
        {
            lock (_gate)
            {
                return _tenants.Count;
            }
        }
    }

    /// <summary>How many requests wait to be sent: they hold a slot later than now, or wait for one.</summary>
    public int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                var now = _timeProvider.GetTimestamp();
                return _pending + _tenants.Values.Sum(t => t.Slots.CountAfter(now));
            }
        }
    }

    /// <summary>As <see cref="WaitAsync(string, string, CancellationToken)"/> for a request whose tenant is not known.</summary>
    public ValueTask WaitAsync(string conversationId, CancellationToken cancellationToken) =>
        WaitAsync(string.Empty, conversationId, cancellationToken);

    /// <summary>
    /// Reserves the next slot for <paramref name="conversationId"/> in <paramref name="tenantId"/> and waits until it is
    /// due. A cancelled wait gives its slot back. An empty tenant is one whose share of the app limit is not known:
    /// with a shared schedule it is paced at the local share.
    /// </summary>
    public async ValueTask WaitAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(conversationId);
        cancellationToken.ThrowIfCancellationRequested();
        var step = Next(tenantId, conversationId, instant: null);
        while (step.Slot is null)
        {
            long? instant = null;
            if (step.Ticket is { } ticket)
            {
                instant = await WaitForBookingAsync(step.Tenant, ticket, cancellationToken);
            }
            else
            {
                await SleepAsync(step.Sleep!, cancellationToken);
            }

            step = Next(tenantId, conversationId, instant);
        }

        var slot = step.Slot.Value;
        if (slot <= step.Now)
        {
            return;
        }

        try
        {
            await Task.Delay(ToTimeSpan(slot - step.Now), _timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                Release(step, conversationId);
            }

            throw;
        }
    }

    // The reserved instant and the instant of reservation, in TimeProvider timestamp units, paced locally.
    internal (long Slot, long Now) ReserveSlot(string conversationId)
    {
        var step = Next(string.Empty, conversationId, instant: null);
        return (step.Slot!.Value, step.Now);
    }

    private SlotWindow[] LocalWindows => _shared is null ? _appWindows : _localShareWindows;

    // Under one lock: a slot to wait for, or what to wait for before asking again (a conversation window that has no
    // room yet, or a booking of the shared schedule). A request handed an instant by a booking passes it in.
    private Step Next(string tenantId, string conversationId, long? instant)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            PruneIfDue(now);
            var key = KeyOf(conversationId);
            var log = ConversationLog(key, now);
            var tenant = Tenant(tenantId, now);
            var lowerBound = EarliestConversationSlot(log, now);
            if (_shared is null || tenantId.Length == 0 || !_shared.IsAvailable(now))
            {
                if (instant is { } unused and not TenantPacing.AskAgain)
                {
                    tenant.GiveBack(unused);
                }

                var slot = tenant.Slots.Earliest(lowerBound, LocalWindows);
                Record(key, log, tenant, slot);
                return new Step(slot, now, tenant, Granted: false, Ticket: null, Sleep: null);
            }

            if (instant is { } handed and not TenantPacing.AskAgain)
            {
                if (handed < now - _bookingLateTolerance)
                {
                    // Passed long before the booking's answer came back (or before this request woke): used now it
                    // could crowd slots after it that are another instance's. It is dropped, and the request books again.
                }
                else if (Math.Max(handed, now) >= lowerBound)
                {
                    // Handed by the booking it waited for: used if this request woke within the booking's tolerance.
                    var slot = Math.Max(handed, now);
                    Record(key, log, tenant, slot);
                    KeepAhead(tenant, now);
                    return new Step(slot, now, tenant, Granted: true, Ticket: null, Sleep: null);
                }
                else
                {
                    tenant.GiveBack(handed);
                }
            }

            if (lowerBound > now)
            {
                // The conversation's own windows make it wait: it takes a shared slot only once they have room, so that
                // a slot nobody else can use is not held meanwhile.
                _pending++;
                return new Step(null, now, tenant, false, Ticket: null, Sleep: Task.Delay(ToTimeSpan(lowerBound - now), _timeProvider));
            }

            if (tenant.TryTake(now - _lateTolerance, out var spare))
            {
                var slot = Math.Max(spare, now);
                Record(key, log, tenant, slot);
                KeepAhead(tenant, now);
                return new Step(slot, now, tenant, Granted: true, Ticket: null, Sleep: null);
            }

            _pending++;
            var ticket = tenant.Queue();
            tenant.Reservation ??= BookAsync(tenant);
            return new Step(null, now, tenant, false, ticket, Sleep: null);
        }
    }

    private void Record(ulong key, ConversationSlotLog log, TenantPacing tenant, long slot)
    {
        // A conversation's slots stay in order, which keeps its messages in order and its log sorted; past the
        // longest window's limit the oldest instant leaves. The log is a value: the changed copy goes back.
        log.Add(slot, _conversationLogCapacity);
        _conversations[key] = log;
        tenant.Slots.Add(slot);
    }

    private void Release(Step step, string conversationId)
    {
        var key = KeyOf(conversationId);
        if (_conversations.TryGetValue(key, out var log))
        {
            log.Remove(step.Slot!.Value);
            _conversations[key] = log;
        }

        var slot = step.Slot!.Value;
        step.Tenant.Slots.Remove(slot);
        if (step.Granted && slot > _timeProvider.GetTimestamp())
        {
            step.Tenant.GiveBack(slot);
        }
    }

    private SlotWindow ToWindow(RateLimitWindow window)
    {
        if (window.Limit < 1 || window.Window <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Rate-limit window {window} needs a positive limit and length.", nameof(window));
        }

        return new SlotWindow(ToTimestamp(window.Window), window.Limit);
    }

    private long ToTimestamp(TimeSpan span) =>
        (long)Math.Ceiling(span.TotalSeconds * _timeProvider.TimestampFrequency);

    private TimeSpan ToTimeSpan(long timestampDelta) =>
        TimeSpan.FromTicks((long)Math.Ceiling(timestampDelta * (double)TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency));

    // What Next decided: a slot (with the instant it was decided at), or what to wait for before asking again.
    private readonly record struct Step(long? Slot, long Now, TenantPacing Tenant, bool Granted, TaskCompletionSource<long>? Ticket, Task? Sleep);
}
