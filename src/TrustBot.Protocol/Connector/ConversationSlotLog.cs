namespace TrustBot.Protocol.Connector;

/// <summary>
/// The reserved instants of one conversation, oldest first, in a ring that starts at two slots and doubles only while
/// the conversation is busy, up to <c>capacity</c> (the longest window's limit); beyond it the oldest instant leaves.
/// Most conversations see one or two sends an hour, so most logs stay at two slots.
/// </summary>
internal sealed class ConversationSlotLog(int capacity)
{
    private const int InitialSlots = 2;

    private long[] _slots = new long[Math.Min(InitialSlots, capacity)];
    private int _start;

    public int Count { get; private set; }

    /// <summary>The <paramref name="index"/>-th oldest instant.</summary>
    public long this[int index] => _slots[(_start + index) % _slots.Length];

    public long Newest => this[Count - 1];

    public void Add(long slot)
    {
        if (Count == _slots.Length)
        {
            if (_slots.Length < capacity)
            {
                Resize(Math.Min(capacity, _slots.Length * 2));
            }
            else
            {
                _start = (_start + 1) % _slots.Length;
                Count--;
            }
        }

        _slots[(_start + Count) % _slots.Length] = slot;
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
                _slots[(_start + later - 1) % _slots.Length] = this[later];
            }

            Count--;
            return;
        }
    }

    private void Resize(int length)
    {
        var resized = new long[length];
        for (var index = 0; index < Count; index++)
        {
            resized[index] = this[index];
        }

        _slots = resized;
        _start = 0;
    }
}
