namespace TrustBot.Protocol.Connector;

/// <summary>
/// The reserved instants of one conversation, oldest first; beyond <c>capacity</c> (the longest window's limit, passed
/// to <see cref="Add"/>) the oldest instant leaves. A value kept in the limiter's map, so a quiet conversation costs
/// the map entry alone: its first two instants are fields, and only a third allocates a ring, which starts at four
/// slots and doubles while the conversation is busy. Most conversations see one or two sends an hour, and they are
/// many: installing a team paces four thread keys (a heap dump after 1,000 installs held 4,000 logs), each kept for the
/// hour. The default value is the empty log.
/// </summary>
internal struct ConversationSlotLog
{
    private const int InlineSlots = 2;
    private const int FirstRingSlots = 4;

    private long _first;
    private long _second;
    private long[]? _ring;
    private int _start;

    public int Count { readonly get; private set; }

    /// <summary>The <paramref name="index"/>-th oldest instant.</summary>
    public readonly long this[int index] => _ring is { } ring ? ring[(_start + index) % ring.Length] : index == 0 ? _first : _second;

    public readonly long Newest => this[Count - 1];

    public void Add(long slot, int capacity)
    {
        if (_ring is null)
        {
            AddInline(slot, capacity);
            return;
        }

        if (Count == _ring.Length)
        {
            if (_ring.Length < capacity)
            {
                Resize(Math.Min(capacity, _ring.Length * 2));
            }
            else
            {
                _start = (_start + 1) % _ring.Length;
                Count--;
            }
        }

        _ring[(_start + Count) % _ring.Length] = slot;
        Count++;
    }

    /// <summary>Removes one occurrence of <paramref name="slot"/> (a cancelled wait gives its slot back).</summary>
    public void Remove(long slot)
    {
        // A cancelled wait is almost always the newest reservation, so the search starts there.
        for (var index = Count - 1; index >= 0; index--)
        {
            if (this[index] != slot)
            {
                continue;
            }

            for (var later = index + 1; later < Count; later++)
            {
                Set(later - 1, this[later]);
            }

            Count--;
            return;
        }
    }

    private void AddInline(long slot, int capacity)
    {
        if (Count == InlineSlots && capacity > InlineSlots)
        {
            Resize(Math.Min(capacity, FirstRingSlots));
            Add(slot, capacity);
            return;
        }

        if (Count == Math.Min(InlineSlots, capacity))
        {
            // Full at a capacity of one or two: the oldest leaves.
            _first = _second;
            Count--;
        }

        Set(Count, slot);
        Count++;
    }

    private void Set(int index, long slot)
    {
        if (_ring is { } ring)
        {
            ring[(_start + index) % ring.Length] = slot;
        }
        else if (index == 0)
        {
            _first = slot;
        }
        else
        {
            _second = slot;
        }
    }

    private void Resize(int length)
    {
        var resized = new long[length];
        for (var index = 0; index < Count; index++)
        {
            resized[index] = this[index];
        }

        _ring = resized;
        _start = 0;
    }
}
