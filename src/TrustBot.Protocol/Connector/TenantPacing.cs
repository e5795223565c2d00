namespace TrustBot.Protocol.Connector;

/// <summary>
/// What the limiter keeps per tenant: the slots counted against the tenant's app-wide windows and, when the schedule
/// is shared across instances, the requests waiting for a booking of it and the booked instants nobody took yet.
/// Guarded by the limiter's lock.
/// </summary>
internal sealed class TenantPacing(string tenantId)
{
    /// <summary>What a waiting request is handed when the booking failed: ask again (and find the schedule unreachable).</summary>
    public const long AskAgain = long.MinValue;

    // Requests waiting for the next booking, first come first served; each is handed an instant of it.
    private readonly Queue<TaskCompletionSource<long>> _tickets = new();

    // Booked instants no waiting request took (their requests were cancelled, or gave them back), oldest first.
    private readonly List<long> _spare = [];

    public string TenantId { get; } = tenantId;

    public AppSlotLog Slots { get; } = new();

    /// <summary>The booking under way for this tenant, if any.</summary>
    public Task? Reservation { get; set; }

    /// <summary>Requests waiting for a booking: how many slots the next one asks for.</summary>
    public int Waiting { get; private set; }

    /// <summary>The latest instant this instance booked of the tenant's schedule, or used.</summary>
    public long BookedUntil => Math.Max(_lastBooked, Slots.Count == 0 ? long.MinValue : Slots.Latest);

    private long _lastBooked = long.MinValue;

    /// <summary>A request joins the queue for the next booking; it is handed an instant, or <see cref="AskAgain"/>.</summary>
    public TaskCompletionSource<long> Queue()
    {
        var ticket = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _tickets.Enqueue(ticket);
        Waiting++;
        return ticket;
    }

    /// <summary>A waiting request was cancelled; false when it had already been handed an instant.</summary>
    public bool Leave(TaskCompletionSource<long> ticket)
    {
        if (!ticket.TrySetCanceled())
        {
            return false;
        }

        Waiting--;
        return true;
    }

    /// <summary>
    /// Hands <paramref name="count"/> booked instants from <paramref name="first"/>, <paramref name="spacing"/> apart, to
    /// the waiting requests in the order they came; what is left is kept for the next requests.
    /// </summary>
    public void Distribute(long first, int count, long spacing)
    {
        for (var i = 0; i < count; i++)
        {
            var instant = first + (i * spacing);
            _lastBooked = Math.Max(_lastBooked, instant);
            if (!TryHandOut(instant))
            {
                GiveBack(instant);
            }
        }
    }

    /// <summary>The booking failed: every waiting request is told to ask again.</summary>
    public void Fail()
    {
        while (TryHandOut(AskAgain))
        {
        }
    }

    /// <summary>
    /// Takes the earliest spare instant not before <paramref name="notBefore"/>; earlier ones are dropped, because a
    /// slot used late would crowd the slots after it, which may be another instance's.
    /// </summary>
    public bool TryTake(long notBefore, out long instant)
    {
        var stale = 0;
        while (stale < _spare.Count && _spare[stale] < notBefore)
        {
            stale++;
        }

        _spare.RemoveRange(0, stale);
        if (_spare.Count == 0)
        {
            instant = 0;
            return false;
        }

        instant = _spare[0];
        _spare.RemoveAt(0);
        return true;
    }

    /// <summary>How many spare instants are not before <paramref name="notBefore"/>.</summary>
    public int SpareFrom(long notBefore)
    {
        var index = _spare.BinarySearch(notBefore);
        return _spare.Count - (index < 0 ? ~index : index);
    }

    public void GiveBack(long instant)
    {
        var index = _spare.BinarySearch(instant);
        _spare.Insert(index < 0 ? ~index : index, instant);
    }

    /// <summary>Nothing to wait for and nothing the app windows still count: the tenant can be forgotten.</summary>
    public bool IsIdle(long now, long appRetention) =>
        Waiting == 0
        && Reservation is null
        && (_spare.Count == 0 || _spare[^1] < now)
        && (Slots.Count == 0 || Slots.Latest + appRetention <= now);

    private bool TryHandOut(long instant)
    {
        while (_tickets.TryDequeue(out var ticket))
        {
            // A cancelled request left its ticket behind in the queue.
            if (ticket.TrySetResult(instant))
            {
                Waiting--;
                return true;
            }
        }

        return false;
    }
}
