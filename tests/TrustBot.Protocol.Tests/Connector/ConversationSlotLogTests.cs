using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ConversationSlotLogTests
{
    [Fact]
    public void Add_BeyondCapacity_KeepsTheNewestInOrder()
    {
        var log = new ConversationSlotLog();
        for (var slot = 1L; slot <= 12; slot++)
        {
            log.Add(slot, capacity: 5);
        }

        Assert.Equal(5, log.Count);
        Assert.Equal([8L, 9, 10, 11, 12], Slots(log));
        Assert.Equal(12, log.Newest);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Add_SmallCapacity_KeepsTheNewestInOrder(int capacity)
    {
        // Two instants are held without a ring; a capacity of one or two must drop the oldest there too.
        var log = new ConversationSlotLog();
        for (var slot = 1L; slot <= 6; slot++)
        {
            log.Add(slot, capacity);
        }

        Assert.Equal(Enumerable.Range(7 - capacity, capacity).Select(i => (long)i), Slots(log));
    }

    [Fact]
    public void Add_ThirdInstant_KeepsTheFirstTwoInOrder()
    {
        var log = new ConversationSlotLog();
        log.Add(10, capacity: 1_800);
        log.Add(20, capacity: 1_800);

        log.Add(30, capacity: 1_800);

        Assert.Equal([10L, 20, 30], Slots(log));
        Assert.Equal(30, log.Newest);
    }

    [Fact]
    public void Remove_AfterTheRingWrapped_ClosesTheGapInOrder()
    {
        var log = new ConversationSlotLog();
        for (var slot = 1L; slot <= 6; slot++)
        {
            log.Add(slot, capacity: 4);
        }

        log.Remove(4);
        log.Add(7, capacity: 4);

        Assert.Equal([3L, 5, 6, 7], Slots(log));
    }

    [Fact]
    public void Remove_OldestOfTwoHeldWithoutARing_KeepsTheNewer()
    {
        var log = new ConversationSlotLog();
        log.Add(1, capacity: 4);
        log.Add(2, capacity: 4);

        log.Remove(1);
        log.Add(3, capacity: 4);

        Assert.Equal([2L, 3], Slots(log));
    }

    [Fact]
    public void Remove_UnknownSlot_ChangesNothing()
    {
        var log = new ConversationSlotLog();
        log.Add(1, capacity: 4);

        log.Remove(2);

        Assert.Equal(1, log.Count);
        Assert.Equal(1, log.Newest);
    }

    [Fact]
    public void Default_IsEmpty()
    {
        Assert.Equal(0, default(ConversationSlotLog).Count);
    }

    private static long[] Slots(ConversationSlotLog log) => Enumerable.Range(0, log.Count).Select(i => log[i]).ToArray();
}
