using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Tests.Delivery;

public sealed class ReplyOutboxTests : IDisposable
{
    private static readonly ConversationAddress Chat = new(TestIds.TenantId, TestIds.ServiceUrl, TestIds.PersonalConversationId, TestIds.BotId);

    private readonly Mock<IOutbox> _outbox = new();
    private readonly List<OutboundSend> _queued = [];
    private readonly ReplyLine _line = new(new FakeTimeProvider());
    private readonly OutboxSignal _signal = new();

    public ReplyOutboxTests()
    {
        _outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback((OutboundSend send, TimeSpan? _, CancellationToken _) => _queued.Add(send))
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task QueueAsync_QueuesOneReplySendWithEveryReplyInOrder_AndWakesTheWorker()
    {
        await NewOutbox().QueueAsync(Target("1776390257332"), [ReplyMessage.OfText("one"), ReplyMessage.OfText("two")], CancellationToken.None);

        var send = Assert.Single(_queued);
        Assert.Equal(OutboundKinds.Reply, send.Kind);
        Assert.Equal(TestIds.TenantId, send.TenantId);
        Assert.Equal(TestIds.PersonalConversationId, send.InstallationKey);
        Assert.Null(send.RecipientId);
        var batch = ReplyBatch.Parse(send.PayloadJson)!;
        Assert.Equal(Chat, batch.Address);
        Assert.Equal(["one", "two"], batch.Replies.Select(r => r.Text));
        Assert.Null(batch.After);
        _outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), null, It.IsAny<CancellationToken>()), Times.Once);
        Assert.True(await WokenAsync());
    }

    [Fact]
    public async Task QueueAsync_NoReplies_QueuesNothing()
    {
        await NewOutbox().QueueAsync(Target("1"), [], CancellationToken.None);

        Assert.Empty(_queued);
        Assert.Equal(ReplyState.Unknown, _line.StateOf(ReplyOutbox.KeyFor(Target("1"))));
    }

    [Fact]
    public void KeyFor_NamesTenantAndInstallation_AndIsTheSameForTheSameActivityOnly()
    {
        var key = ReplyOutbox.KeyFor(Target("1776390257332"));

        Assert.StartsWith($"reply:{TestIds.TenantId}:{TestIds.PersonalConversationId}:", key, StringComparison.Ordinal);
        Assert.Equal(key, ReplyOutbox.KeyFor(Target("1776390257332")));
        Assert.NotEqual(key, ReplyOutbox.KeyFor(Target("1776390257333")));
        Assert.NotEqual(key, ReplyOutbox.KeyFor(Target("1776390257332") with { Address = Chat with { ConversationId = "a:someone-else" } }));
        Assert.NotEqual(ReplyOutbox.KeyFor(Target(null)), ReplyOutbox.KeyFor(Target(null)));
        Assert.DoesNotContain("1776390257332", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueAsync_TheSameActivityTwice_QueuesTwinsWithOneKey_NeitherWaitingForItself()
    {
        var outbox = NewOutbox();

        await outbox.QueueAsync(Target("7"), [ReplyMessage.OfText("hi")], CancellationToken.None);
        await outbox.QueueAsync(Target("7"), [ReplyMessage.OfText("hi")], CancellationToken.None);

        Assert.Equal(2, _queued.Count);
        Assert.Equal(_queued[0].IdempotencyKey, _queued[1].IdempotencyKey);
        Assert.All(_queued, send => Assert.Null(ReplyBatch.Parse(send.PayloadJson)!.After));
    }

    [Fact]
    public async Task QueueAsync_WhileTheConversationsLastReplyIsUnsent_NamesItAsThePredecessor()
    {
        var outbox = NewOutbox();
        await outbox.QueueAsync(Target("1"), [ReplyMessage.OfText("first")], CancellationToken.None);
        await outbox.QueueAsync(Target("2"), [ReplyMessage.OfText("second")], CancellationToken.None);
        _line.Settled(_queued[1].IdempotencyKey);
        await outbox.QueueAsync(Target("3"), [ReplyMessage.OfText("third")], CancellationToken.None);

        Assert.Equal(
            [null, _queued[0].IdempotencyKey, null],
            _queued.Select(send => ReplyBatch.Parse(send.PayloadJson)!.After));
    }

    [Fact]
    public async Task QueueAsync_RepliesTooLargeForOneSend_ChainsSeveralInOrder()
    {
        var replies = Enumerable.Range(0, 3).Select(i => ReplyMessage.OfText(i + new string('x', 20_000))).ToList();

        await NewOutbox().QueueAsync(Target("9"), replies, CancellationToken.None);

        Assert.Equal(3, _queued.Count);
        var baseKey = ReplyOutbox.KeyFor(Target("9"));
        Assert.Equal([baseKey, baseKey + "/1", baseKey + "/2"], _queued.Select(s => s.IdempotencyKey));
        Assert.Equal([null, baseKey, baseKey + "/1"], _queued.Select(s => ReplyBatch.Parse(s.PayloadJson)!.After));
        Assert.Equal(replies.Select(r => r.Text), _queued.SelectMany(s => ReplyBatch.Parse(s.PayloadJson)!.Replies).Select(r => r.Text));
    }

    [Fact]
    public async Task QueueAsync_QueueFails_Throws_AndTheNextReplyDoesNotWaitForIt()
    {
        _outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("queue down"));
        var outbox = NewOutbox();

        await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.QueueAsync(Target("1"), [ReplyMessage.OfText("lost?")], CancellationToken.None));

        Assert.Null(_line.Unsettled(ReplyLine.ConversationOf(Chat)));
        Assert.False(await WokenAsync());
    }

    [Fact]
    public async Task QueueAsync_QueueFailsForALaterMessage_LeavesTheEarlierUnsentReplyAsThePredecessor()
    {
        var outbox = NewOutbox();
        await outbox.QueueAsync(Target("1"), [ReplyMessage.OfText("first")], CancellationToken.None);
        var first = _queued[0].IdempotencyKey;
        _outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("queue down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.QueueAsync(Target("2"), [ReplyMessage.OfText("second")], CancellationToken.None));

        Assert.Equal(first, _line.Unsettled(ReplyLine.ConversationOf(Chat)));
        Assert.Equal(ReplyState.Unknown, _line.StateOf(ReplyOutbox.KeyFor(Target("2"))));
    }

    [Fact]
    public async Task QueueAsync_AWorkerThatSendsBeforeTheQueueCallReturns_StillSettlesIt()
    {
        // The worker may take a message the moment it is stored; its sender must find the reply known here.
        _outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback((OutboundSend send, TimeSpan? _, CancellationToken _) =>
            {
                Assert.Equal(ReplyState.Pending, _line.StateOf(send.IdempotencyKey));
                _line.Settled(send.IdempotencyKey);
            })
            .Returns(Task.CompletedTask);

        await NewOutbox().QueueAsync(Target("1"), [ReplyMessage.OfText("fast")], CancellationToken.None);

        Assert.Null(_line.Unsettled(ReplyLine.ConversationOf(Chat)));
        Assert.Equal(ReplyState.Settled, _line.StateOf(ReplyOutbox.KeyFor(Target("1"))));
    }

    private ReplyOutbox NewOutbox() => new(_outbox.Object, _line, _signal, NullLogger<ReplyOutbox>.Instance);

    private static ReplyTarget Target(string? activityId) => new(Chat, TestIds.PersonalConversationId, activityId);

    public void Dispose() => _signal.Dispose();

    // Whether the worker's signal was raised: a wait that would otherwise last a day returns at once, or is given up.
    private async Task<bool> WokenAsync()
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await _signal.WaitAsync(TimeSpan.FromDays(1), TimeProvider.System, giveUp.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
