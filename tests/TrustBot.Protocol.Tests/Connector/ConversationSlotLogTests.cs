using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ConversationSlotLogTests
{
    [Fact]
    public void Add_BeyondCapacity_KeepsTheNewestInOrder()
    {
        var log = new ConversationSlotLog(capacity: 5);
        for (var slot = 1L; slot <= 12; slot++)
        {
            log.Add(slot);
        }

        Assert.Equal(5, log.Count);
        Assert.Equal([8L, 9, 10, 11, 12], Enumerable.Range(0, log.Count).Select(i => log[i]));
        Assert.Equal(12, log.Newest);
    }

    [Fact]
    public void Remove_AfterTheRingWrapped_ClosesTheGapInOrder()
    {
        var log = new ConversationSlotLog(capacity: 4);
        for (var slot = 1L; slot <= 6; slot++)
        {
            log.Add(slot);
        }

        log.Remove(4);
        log.Add(7);

        Assert.Equal([3L, 5, 6, 7], Enumerable.Range(0, log.Count).Select(i => log[i]));
    }

    [Fact]
    public void Remove_UnknownSlot_ChangesNothing()
    {
        var log = new ConversationSlotLog(capacity: 4);
        log.Add(1);

        log.Remove(2);

        Assert.Equal(1, log.Count);
        Assert.Equal(1, log.Newest);
    }
}
