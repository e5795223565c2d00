namespace TrustBot.Protocol.Connector;

/// <summary>
/// What the limiter keeps per tenant: the slots counted against the tenant's app-wide windows and, when the schedule
/// is shared across instances, the instants of it granted to this instance and not used yet. Guarded by the limiter's
/// lock.
/// </summary>
internal sealed class TenantPacing(string tenantId)
{
    // Granted instants, oldest first. Each reservation continues the shared schedule after every earlier one, so
    // appending keeps the list sorted; a slot given back by a cancelled wait is inserted in place.
    private readonly List<long> _granted = [];

    public string TenantId { get; } = tenantId;

    public AppSlotLog Slots { get; } = new();

    /// <summary>The reservation under way for this tenant, which every request waiting for a grant awaits.</summary>
    public Task? Reservation { get; set; }

    /// <summary>Requests waiting for a grant: how many slots the next reservation asks for.</summary>
    public int Waiting { get; set; }

    /// <summary>The latest granted instant not used yet; <see cref="long.MinValue"/> when there is none.</summary>
    public long GrantedUntil => _granted.Count == 0 ? long.MinValue : _granted[^1];

    /// <summary>
    /// Adds <paramref name="count"/> instants from <paramref name="first"/>, <paramref name="spacing"/> apart, leaving out
    /// those already before <paramref name="notBefore"/>. If the answer came so late that all of them are, the last is
    /// kept as <paramref name="notBefore"/>: the requests that waited for it get one slot at least, crowding only the
    /// slot after it by the answer's delay.
    /// </summary>
    public void Grant(long first, int count, long spacing, long notBefore)
    {
        var added = false;
        for (var i = 0; i < count; i++)
        {
            var instant = first + (i * spacing);
            if (instant >= notBefore)
            {
                GiveBack(instant);
                added = true;
            }
        }

        if (!added && count > 0)
        {
            GiveBack(notBefore);
        }
    }

    /// <summary>
    /// Takes the earliest granted instant not before <paramref name="notBefore"/>; earlier ones are dropped, because a
    /// slot used late would crowd the slots after it, which may be another instance's.
    /// </summary>
    public bool TryTake(long notBefore, out long instant)
    {
        var stale = 0;
        while (stale < _granted.Count && _granted[stale] < notBefore)
        {
            stale++;
        }

        _granted.RemoveRange(0, stale);
        if (_granted.Count == 0)
        {
            instant = 0;
            return false;
        }

        instant = _granted[0];
        _granted.RemoveAt(0);
        return true;
    }

    public void GiveBack(long instant)
    {
        var index = _granted.BinarySearch(instant);
        _granted.Insert(index < 0 ? ~index : index, instant);
    }

    /// <summary>Nothing to wait for and nothing the app windows still count: the tenant can be forgotten.</summary>
    public bool IsIdle(long now, long appRetention) =>
        Waiting == 0
        && Reservation is null
        && GrantedUntil < now
        && (Slots.Count == 0 || Slots.Latest + appRetention <= now);

    /// <summary>The latest instant this instance holds of the tenant's schedule, used or not.</summary>
    public long BookedUntil => Math.Max(GrantedUntil, Slots.Count == 0 ? long.MinValue : Slots.Latest);

    /// <summary>When the tenant was last busy, for choosing whom to forget first when the map is full.</summary>
    public long LastActive => BookedUntil;
}
