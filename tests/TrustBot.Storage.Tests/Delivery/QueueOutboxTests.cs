using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Delivery;

namespace TrustBot.Storage.Tests.Delivery;

/// <summary>The outbox against Azurite's real queue; visibility and delay run on the emulator's wall clock.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class QueueOutboxTests(AzuriteServer azurite) : IAsyncLifetime
{
    private static readonly TimeSpan ShortVisibility = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongVisibility = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private DeliveryTestStorage _storage = null!;
    private QueueOutbox _outbox = null!;

    public async Task InitializeAsync()
    {
        _storage = await DeliveryTestStorage.CreateAsync(azurite);
        _outbox = _storage.NewOutbox();
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task EnqueueAsync_NoDelay_ReceiveReturnsTheSameSendAndDeleteEmptiesTheQueue()
    {
        var send = Send("k-1", recipient: "29:user");
        await _outbox.EnqueueAsync(send, null, CancellationToken.None);

        var message = Assert.Single(await _outbox.ReceiveAsync(32, LongVisibility, CancellationToken.None));
        Assert.Equal(send, message.Send);
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.False(string.IsNullOrEmpty(message.PopReceipt));

        await _outbox.DeleteAsync(message, CancellationToken.None);

        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task EnqueueAsync_WakesTheLocalWorkerForASendDueNowOnly()
    {
        using var signal = new OutboxSignal();
        var clock = new FakeTimeProvider();
        var outbox = new QueueOutbox(_storage.Queue, signal, NullLogger<QueueOutbox>.Instance);

        await outbox.EnqueueAsync(Send("k-later", recipient: null), TimeSpan.FromMinutes(5), CancellationToken.None);
        var afterDelayed = signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(afterDelayed.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        await afterDelayed.WaitAsync(WaitLimit);

        await outbox.EnqueueAsync(Send("k-now", recipient: null), null, CancellationToken.None);
        await signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None).WaitAsync(WaitLimit);
    }

    [Fact]
    public async Task EnqueueAsync_NullRecipient_RoundTrips()
    {
        var send = Send("k-1", recipient: null);
        await _outbox.EnqueueAsync(send, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(send, Assert.Single(await _outbox.ReceiveAsync(1, LongVisibility, CancellationToken.None)).Send);
    }

    [Fact]
    public async Task ReceiveAsync_WhileHidden_OtherReceiversGetNothing()
    {
        await _outbox.EnqueueAsync(Send("k-1"), null, CancellationToken.None);
        Assert.Single(await _outbox.ReceiveAsync(32, LongVisibility, CancellationToken.None));

        Assert.Empty(await _storage.NewOutbox().ReceiveAsync(32, LongVisibility, CancellationToken.None));
    }

    [Fact]
    public async Task ReceiveAsync_NotDeletedBeforeTheVisibilityTimeout_IsDeliveredAgain()
    {
        var send = Send("k-1");
        await _outbox.EnqueueAsync(send, null, CancellationToken.None);
        var first = Assert.Single(await _outbox.ReceiveAsync(32, ShortVisibility, CancellationToken.None));

        var again = await ReceiveOneEventuallyAsync();

        Assert.Equal(send, again.Send);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task DeleteAsync_WithTheReceiptOfAnEarlierReceive_LeavesTheMessageForItsNewReceiver()
    {
        await _outbox.EnqueueAsync(Send("k-1"), null, CancellationToken.None);
        var stale = Assert.Single(await _outbox.ReceiveAsync(32, ShortVisibility, CancellationToken.None));
        var current = await ReceiveOneEventuallyAsync();

        await _outbox.DeleteAsync(stale, CancellationToken.None);

        Assert.Equal(1, await CountAsync());
        await _outbox.DeleteAsync(current, CancellationToken.None);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task DeleteAsync_Twice_SecondIsANoOp()
    {
        await _outbox.EnqueueAsync(Send("k-1"), null, CancellationToken.None);
        var message = Assert.Single(await _outbox.ReceiveAsync(32, LongVisibility, CancellationToken.None));

        await _outbox.DeleteAsync(message, CancellationToken.None);
        await _outbox.DeleteAsync(message, CancellationToken.None);

        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task EnqueueAsync_TwoSecondDelay_InvisibleBeforeAndReceivedAfter()
    {
        var send = Send("k-1");
        var enqueuedAt = TimeProvider.System.GetTimestamp();
        await _outbox.EnqueueAsync(send, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Empty(await _outbox.ReceiveAsync(32, LongVisibility, CancellationToken.None));
        Assert.Equal(1, await CountAsync());

        var message = await ReceiveOneEventuallyAsync();
        Assert.Equal(send, message.Send);
        Assert.True(TimeProvider.System.GetElapsedTime(enqueuedAt) >= TimeSpan.FromSeconds(1.5), "the delayed send came too early");
    }

    [Fact]
    public async Task ReceiveAsync_MoreThanMax_ReturnsAtMostMax()
    {
        for (var i = 0; i < 5; i++)
        {
            await _outbox.EnqueueAsync(Send($"k-{i}"), null, CancellationToken.None);
        }

        var received = await _outbox.ReceiveAsync(3, LongVisibility, CancellationToken.None);

        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(message => message.Send.IdempotencyKey).Distinct().Count());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"idempotencyKey":"k-1"}""")]
    [InlineData("""{"idempotencyKey":null,"kind":"nudge","tenantId":"t","installationKey":"i","recipientId":null,"payloadJson":"{}"}""")]
    public async Task ReceiveAsync_UnreadableMessage_RemovesItAndReturnsOnlyReadableSends(string body)
    {
        await _storage.Queue.Client.SendMessageAsync(body);
        var good = Send("k-2");
        await _outbox.EnqueueAsync(good, null, CancellationToken.None);

        var received = await _outbox.ReceiveAsync(32, LongVisibility, CancellationToken.None);

        Assert.Equal(good, Assert.Single(received).Send);
        Assert.Equal(1, await CountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task ReceiveAsync_MaxOutOfRange_Throws(int max)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _outbox.ReceiveAsync(max, LongVisibility, CancellationToken.None));
    }

    [Fact]
    public void Clamp_BeyondTheQueueLimitOrNegative_StaysWithinIt()
    {
        Assert.Equal(QueueOutbox.LongestDelay, QueueOutbox.Clamp(TimeSpan.FromDays(30)));
        Assert.Equal(TimeSpan.Zero, QueueOutbox.Clamp(TimeSpan.FromSeconds(-5)));
        Assert.Equal(TimeSpan.FromHours(3), QueueOutbox.Clamp(TimeSpan.FromHours(3)));
    }

    private static OutboundSend Send(string key, string? recipient = null) =>
        new(key, OutboundKinds.Nudge, "72f988bf-86f1-41af-91ab-2d7cd011db47", "19:team@thread.tacv2", recipient, """{"habit":"ask-for-feedback"}""");

    private async Task<OutboxMessage> ReceiveOneEventuallyAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var received = await _outbox.ReceiveAsync(32, LongVisibility, CancellationToken.None);
            if (received.Count > 0)
            {
                return Assert.Single(received);
            }

            Assert.True(TimeProvider.System.GetElapsedTime(started) < WaitLimit, "the message did not become visible");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    private async Task<int> CountAsync() => (await _storage.Queue.Client.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
