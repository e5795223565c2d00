namespace TrustBot.Protocol.Connector;

/// <summary>
/// The reserved instants counted against one tenant's app-wide windows, sorted. Unlike a conversation's, they are not
/// reserved in order (a conversation that waits must not hold up the others), so a new slot may land between
/// reserved ones.
/// </summary>
internal sealed class AppSlotLog
{
    private readonly List<long> _slots = [];

    public int Count => _slots.Count;

    /// <summary>The latest reserved instant; only meaningful when <see cref="Count"/> is above zero.</summary>
    public long Latest => _slots[^1];

    /// <summary>How many slots lie later than <paramref name="now"/>, that is, are waiting to be sent.</summary>
    public int CountAfter(long now) => _slots.Count - UpperBound(now);

    public void Add(long slot) => _slots.Insert(UpperBound(slot), slot);

    /// <summary>Removes one occurrence of <paramref name="slot"/> (a cancelled wait gives its slot back).</summary>
    public void Remove(long slot) => _slots.Remove(slot);

    /// <summary>Forgets the instants that no window of length <paramref name="retention"/> can count any more.</summary>
    public void Forget(long now, long retention)
    {
        var expired = 0;
        while (expired < _slots.Count && _slots[expired] + retention <= now)
        {
            expired++;
        }

        _slots.RemoveRange(0, expired);
    }

    /// <summary>
    /// The earliest instant at or after <paramref name="lowerBound"/> that every window allows. It is the lower bound
    /// itself, a reserved instant, or a reserved instant plus a window length: those are the only places where validity
    /// can begin.
    /// </summary>
    public long Earliest(long lowerBound, IReadOnlyList<SlotWindow> windows)
    {
        if (windows.Count == 0 || IsValid(lowerBound, windows))
        {
            return lowerBound;
        }

        var candidates = new SortedSet<long>();
        foreach (var reserved in _slots)
        {
            if (reserved > lowerBound)
            {
                candidates.Add(reserved);
            }

            foreach (var window in windows)
            {
                if (reserved + window.Length > lowerBound)
                {
                    candidates.Add(reserved + window.Length);
                }
            }
        }

        foreach (var candidate in candidates)
        {
            if (IsValid(candidate, windows))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No app slot found; the slot log is inconsistent.");
    }

    // Valid when every run of Limit + 1 consecutive slots that includes the candidate spans at least the window.
    private bool IsValid(long candidate, IReadOnlyList<SlotWindow> windows)
    {
        var position = UpperBound(candidate);
        foreach (var window in windows)
        {
            for (var first = position - window.Limit; first <= position; first++)
            {
                var last = first + window.Limit;
                if (first < 0 || last > _slots.Count)
                {
                    continue;
                }

                if (SlotAt(last, position, candidate) - SlotAt(first, position, candidate) < window.Length)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private long SlotAt(int mergedIndex, int position, long candidate) =>
        mergedIndex < position ? _slots[mergedIndex] : mergedIndex == position ? candidate : _slots[mergedIndex - 1];

    private int UpperBound(long value)
    {
        int low = 0, high = _slots.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_slots[mid] <= value)
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
}
