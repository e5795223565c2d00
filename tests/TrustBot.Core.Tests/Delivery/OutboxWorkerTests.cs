using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.Delivery;

public sealed class OutboxWorkerTests
{
    private const string Key = "checkin:tenant:team:checkin:20261124T100000Z";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 1, 0, TimeSpan.Zero);

    private readonly Mock<IOutbox> _outbox = new();
    private readonly Mock<IIdempotencyStore> _idempotency = new();
    private readonly Mock<IDeadLetterLog> _deadLetters = new();
    private readonly Mock<IOutboundHandler> _handler = new();

    public OutboxWorkerTests()
    {
        _idempotency.Setup(i => i.TryClaimAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string key, string _, DateTimeOffset _, CancellationToken _) => SendClaim.Claimed(key, "\"c1\""));
        _handler.SetupGet(h => h.Kind).Returns(OutboundKinds.CheckIn);
    }

    [Fact]
    public async Task DrainOnceAsync_Delivered_CompletesWithTheActivityIdThenDeletes()
    {
        var message = Receive(Message(Key, dequeueCount: 1));
        HandlerReturns(new DeliveryResult(DeliveryOutcome.Delivered, "activity-1"));
        var order = new List<string>();
        _idempotency.Setup(i => i.CompleteAsync(Key, "activity-1", It.IsAny<CancellationToken>())).Callback(() => order.Add("complete")).Returns(Task.CompletedTask);
        _outbox.Setup(o => o.DeleteAsync(message, It.IsAny<CancellationToken>())).Callback(() => order.Add("delete")).Returns(Task.CompletedTask);

        var handled = await NewWorker().DrainOnceAsync(CancellationToken.None);

        Assert.Equal(1, handled);
        Assert.Equal(["complete", "delete"], order);
        // Claimed as long as the message stays hidden, and settled by the completion record, not by a release.
        _idempotency.Verify(i => i.TryClaimAsync(Key, "worker-a", Now + TimeSpan.FromMinutes(2), It.IsAny<CancellationToken>()), Times.Once);
        _idempotency.Verify(i => i.ReleaseAsync(It.IsAny<SendClaim>(), It.IsAny<CancellationToken>()), Times.Never);
        _idempotency.Verify(i => i.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(IdempotencyStates.Done)]
    [InlineData(IdempotencyStates.Dead)]
    public async Task DrainOnceAsync_AlreadySettled_SkipsTheSendAndDeletes(string state)
    {
        var message = Receive(Message(Key, dequeueCount: 2));
        ClaimReturns(SendClaim.Settled(Key, state));

        await NewWorker().DrainOnceAsync(CancellationToken.None);

        _handler.Verify(h => h.SendAsync(It.IsAny<OutboundSend>(), It.IsAny<CancellationToken>()), Times.Never);
        _outbox.Verify(o => o.DeleteAsync(message, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DrainOnceAsync_SendClaimedByAnotherWorker_LeavesTheMessageAlone()
    {
        Receive(Message(Key, dequeueCount: 1));
        ClaimReturns(SendClaim.Held(Key));

        await NewWorker().DrainOnceAsync(CancellationToken.None);

        _handler.Verify(h => h.SendAsync(It.IsAny<OutboundSend>(), It.IsAny<CancellationToken>()), Times.Never);
        _outbox.Verify(o => o.DeleteAsync(It.IsAny<OutboxMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(DeliveryOutcome.Throttled, 1)]
    [InlineData(DeliveryOutcome.Failed, 4)]
    public async Task DrainOnceAsync_RetryableUnderMaxAttempts_KeepsTheMessage(DeliveryOutcome outcome, long dequeueCount)
    {
        Receive(Message(Key, dequeueCount));
        HandlerReturns(new DeliveryResult(outcome, Detail: "429"));

        await NewWorker().DrainOnceAsync(CancellationToken.None);

        _handler.Verify(h => h.SendAsync(It.IsAny<OutboundSend>(), It.IsAny<CancellationToken>()), Times.Once);
        _outbox.Verify(o => o.DeleteAsync(It.IsAny<OutboxMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        _idempotency.Verify(i => i.CompleteAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        _idempotency.Verify(i => i.MarkDeadAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        // Given back, so that the message, when it comes back, finds its send free to take.
        _idempotency.Verify(i => i.ReleaseAsync(It.Is<SendClaim>(c => c.Key == Key && c.IsClaimed), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DrainOnceAsync_FinalFailureOnTheFirstAttempt_DeadLettersAtOnceInsteadOfPostingAgain()
    {
        var message = Receive(Message(Key, dequeueCount: 1));
        HandlerReturns(new DeliveryResult(DeliveryOutcome.Failed, Detail: "500 InternalServerError") { Final = true });

        await NewWorker().DrainOnceAsync(CancellationToken.None);

        _idempotency.Verify(i => i.MarkDeadAsync(Key, "500 InternalServerError", It.IsAny<CancellationToken>()), Times.Once);
        _deadLetters.Verify(d => d.RecordAsync(Key, OutboundKinds.CheckIn, "500 InternalServerError", It.IsAny<CancellationToken>()), Times.Once);
        _outbox.Verify(o => o.DeleteAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _idempotency.Verify(i => i.ReleaseAsync(It.IsAny<SendClaim>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DrainOnceAsync_ThrottledAtMaxAttempts_DeadLettersWithTheDetailAndDeletes()
    {
        var message = Receive(Message(Key, dequeueCount: 5));
        HandlerReturns(new DeliveryResult(DeliveryOutcome.Throttled, Detail: "429 TooManyRequests"));

        await NewWorker().DrainOnceAsync(CancellationToken.None);

        _idempotency.Verify(i => i.MarkDeadAsync(Key, "429 TooManyRequests", It.IsAny<CancellationToken>()), Times.Once);
        _deadLetters.Verify(d => d.RecordAsync(Key, OutboundKinds.CheckIn, "429 TooManyRequests", It.IsAny<CancellationToken>()), Times.Once);
        _outbox.Verify(o => o.DeleteAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _idempotency.Verify(i => i.CompleteAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DrainOnceAsync_HandlerThrowsOnLastAttempt_CountsAsFailedAndDeadLetters()
    {
        Receive(Message(Key, dequeueCount: 5));
        _handler.Setup(h => h.SendAsync(It.IsAny<OutboundSend>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));

        await NewWorker().DrainOnceAsync(CancellationToken.None);

        _deadLetters.Verify(d => d.RecordAsync(Key, OutboundKinds.CheckIn, nameof(InvalidOperationException), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DrainOnceAsync_RecipientGone_CompletesWithoutIdAndIsNotRetried()
    {
        var message = Receive(Message(Key, dequeueCount: 1));
        HandlerReturns(new DeliveryResult(DeliveryOutcome.RecipientGone, Detail: "403"));

        await NewWorker().DrainOnceAsync(CancellationToken.None);

        _idempotency.Verify(i => i.CompleteAsync(Key, null, It.IsAny<CancellationToken>()), Times.Once);
        _outbox.Verify(o => o.DeleteAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _deadLetters.Verify(d => d.RecordAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DrainOnceAsync_NoHandlerForTheKind_DeadLettersAndDeletes()
    {
        var message = Receive(Message(Key, dequeueCount: 1, kind: "carrier-pigeon"));

        await NewWorker().DrainOnceAsync(CancellationToken.None);

        _deadLetters.Verify(d => d.RecordAsync(Key, "carrier-pigeon", It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        _outbox.Verify(o => o.DeleteAsync(message, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DrainOnceAsync_StoppedDuringASend_StillCompletesAndDeletesWithALiveToken()
    {
        var message = Receive(Message(Key, dequeueCount: 1));
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Setup(h => h.SendAsync(It.IsAny<OutboundSend>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                sending.SetResult();
                return release.Task;
            });
        var tokens = new List<CancellationToken>();
        _idempotency.Setup(i => i.CompleteAsync(Key, "activity-1", It.IsAny<CancellationToken>()))
            .Callback((string _, string? _, CancellationToken token) => tokens.Add(token)).Returns(Task.CompletedTask);
        _outbox.Setup(o => o.DeleteAsync(message, It.IsAny<CancellationToken>()))
            .Callback((OutboxMessage _, CancellationToken token) => tokens.Add(token)).Returns(Task.CompletedTask);
        using var stopping = new CancellationTokenSource();

        var drain = NewWorker().DrainOnceAsync(stopping.Token);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await stopping.CancelAsync();
        release.SetResult(new DeliveryResult(DeliveryOutcome.Delivered, "activity-1"));
        await drain.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, t => Assert.False(t.IsCancellationRequested));
    }

    [Fact]
    public async Task DrainOnceAsync_AlreadyStopping_ReceivesNothing()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        var handled = await NewWorker().DrainOnceAsync(stopping.Token);

        Assert.Equal(0, handled);
        _outbox.Verify(o => o.ReceiveAsync(It.IsAny<int>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DrainOnceAsync_ManyMessages_SendsConcurrentlyUpToTheConfiguredDegree()
    {
        var messages = Enumerable.Range(0, 12).Select(i => Message(Key + i, dequeueCount: 1)).ToList();
        _outbox.Setup(o => o.ReceiveAsync(OutboxWorker.BatchSize, It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(messages);
        var inFlight = 0;
        var peak = 0;
        _handler.Setup(h => h.SendAsync(It.IsAny<OutboundSend>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                await Task.Delay(50);
                Interlocked.Decrement(ref inFlight);
                return new DeliveryResult(DeliveryOutcome.Delivered, "a");
            });

        await NewWorker(new DeliveryOptions { Concurrency = 4 }).DrainOnceAsync(CancellationToken.None);

        Assert.InRange(peak, 2, 4);
        _outbox.Verify(o => o.DeleteAsync(It.IsAny<OutboxMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(12));
    }

    [Fact]
    public async Task DrainOnceAsync_RoomForAnotherBatch_ReceivesItBeforeTheFirstFinishes()
    {
        var first = Enumerable.Range(0, OutboxWorker.BatchSize).Select(i => Message(Key + "a" + i, dequeueCount: 1)).ToList();
        var second = Enumerable.Range(0, OutboxWorker.BatchSize).Select(i => Message(Key + "b" + i, dequeueCount: 1)).ToList();
        _outbox.SetupSequence(o => o.ReceiveAsync(OutboxWorker.BatchSize, It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(first)
            .ReturnsAsync(second)
            .ReturnsAsync([]);
        var release = new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bothBatchesSending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        _handler.Setup(h => h.SendAsync(It.IsAny<OutboundSend>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                if (Interlocked.Increment(ref started) == 2 * OutboxWorker.BatchSize)
                {
                    bothBatchesSending.SetResult();
                }

                return release.Task;
            });

        var drain = NewWorker(new DeliveryOptions { Concurrency = 2 * OutboxWorker.BatchSize }).DrainOnceAsync(CancellationToken.None);
        var reached = await Task.WhenAny(bothBatchesSending.Task, Task.Delay(TimeSpan.FromSeconds(5)));
        release.SetResult(new DeliveryResult(DeliveryOutcome.Delivered, "a"));
        var handled = await drain.WaitAsync(TimeSpan.FromSeconds(5));

        // Every send of the first batch was still waiting when the second batch's sends began.
        Assert.Same(bothBatchesSending.Task, reached);
        Assert.Equal(2 * OutboxWorker.BatchSize, handled);
        _outbox.Verify(o => o.DeleteAsync(It.IsAny<OutboxMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2 * OutboxWorker.BatchSize));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static OutboxMessage Message(string key, long dequeueCount, string kind = OutboundKinds.CheckIn) =>
        new(new OutboundSend(key, kind, TestIds.TenantId, TestIds.TeamId, null, "{}"), "m-" + key, "pop", dequeueCount);

    private OutboxMessage Receive(OutboxMessage message)
    {
        _outbox.Setup(o => o.ReceiveAsync(OutboxWorker.BatchSize, TimeSpan.FromMinutes(2), It.IsAny<CancellationToken>())).ReturnsAsync([message]);
        return message;
    }

    private void ClaimReturns(SendClaim claim) =>
        _idempotency.Setup(i => i.TryClaimAsync(claim.Key, It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(claim);

    private void HandlerReturns(DeliveryResult result) =>
        _handler.Setup(h => h.SendAsync(It.IsAny<OutboundSend>(), It.IsAny<CancellationToken>())).ReturnsAsync(result);

    private OutboxWorker NewWorker(DeliveryOptions? options = null)
    {
        var services = new ServiceCollection().AddScoped(_ => _handler.Object).BuildServiceProvider();
        return new OutboxWorker(
            _outbox.Object,
            _idempotency.Object,
            _deadLetters.Object,
            services.GetRequiredService<IServiceScopeFactory>(),
            new DeliveryInstance("worker-a"),
            // Below a batch by default: these tests script the queue to answer every receive alike, and from a batch of
            // room up a drain receives again until the queue is empty (the test with twice a batch covers that).
            OptionsFactory.Create(options ?? new DeliveryOptions { Concurrency = OutboxWorker.BatchSize / 2 }),
            new FakeTimeProvider(Now),
            NullLogger<OutboxWorker>.Instance);
    }
}
