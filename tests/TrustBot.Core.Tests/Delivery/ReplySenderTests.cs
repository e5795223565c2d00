using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;
using TrustBot.Core.Tests.Fakes;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.Delivery;

public sealed class ReplySenderTests
{
    private const string Key = "reply:tenant:a:chat:0123456789abcdef0123456789abcdef";
    private const string Earlier = "reply:tenant:a:chat:ffffffffffffffffffffffffffffffff";
    private static readonly ConversationAddress Chat = new(TestIds.TenantId, TestIds.ServiceUrl, TestIds.PersonalConversationId, TestIds.BotId);

    private readonly Mock<IBotMessenger> _messenger = new(MockBehavior.Strict);
    private readonly Mock<IIdempotencyStore> _idempotency = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly ReplyLine _line;
    private readonly List<string> _posted = [];
    private readonly Dictionary<string, string> _done = new(StringComparer.Ordinal);
    private readonly RecordingLogger<ReplySender> _log = new();

    // Logged when a reply stopped waiting for the one before it and went ahead.
    private bool WentAheadWithoutTheEarlierReply => _log.Entries.Any(e => e.EventId.Id == 2438);

    public ReplySenderTests()
    {
        _line = new ReplyLine(_time);
        _messenger.Setup(m => m.SendTextAsync(Chat, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ConversationAddress _, string text, CancellationToken _) => _posted.Add(text))
            .ReturnsAsync(() => new DeliveryResult(DeliveryOutcome.Delivered, "posted-" + _posted.Count));
        _messenger.Setup(m => m.SendCardAsync(Chat, It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ConversationAddress _, JsonObject _, string summary, CancellationToken _) => _posted.Add("card:" + summary))
            .ReturnsAsync(() => new DeliveryResult(DeliveryOutcome.Delivered, "posted-" + _posted.Count));
        _idempotency.Setup(i => i.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string key, CancellationToken _) => _done.TryGetValue(key, out var id) ? new IdempotencyRecord(key, IdempotencyStates.Done, id, _time.GetUtcNow()) : null);
        _idempotency.Setup(i => i.CompleteAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((string key, string? id, CancellationToken _) => _done[key] = id ?? string.Empty)
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task SendAsync_PostsEveryReplyInOrder_RecordingEachButTheLastAsItGoes()
    {
        var result = await NewSender().SendAsync(Send(null, ReplyMessage.OfText("one"), ReplyMessage.OfCard([], "two"), ReplyMessage.OfText("three")), CancellationToken.None);

        Assert.Equal(["one", "card:two", "three"], _posted);
        Assert.Equal(new DeliveryResult(DeliveryOutcome.Delivered, "posted-3"), result);
        Assert.Equal([ReplySender.PartKey(Key, 0), ReplySender.PartKey(Key, 1)], _done.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ReplyState.Unknown, _line.StateOf(Key));
    }

    [Fact]
    public async Task SendAsync_OneReply_ReadsAndWritesNothing()
    {
        await NewSender().SendAsync(Send(null, ReplyMessage.OfText("only")), CancellationToken.None);

        Assert.Equal(["only"], _posted);
        _idempotency.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendAsync_AfterAnEarlierAttemptPostedTheFirstReply_ResumesBehindIt()
    {
        _done[ReplySender.PartKey(Key, 0)] = "posted-before";

        await NewSender().SendAsync(Send(null, ReplyMessage.OfText("one"), ReplyMessage.OfText("two")), CancellationToken.None);

        Assert.Equal(["two"], _posted);
    }

    [Fact]
    public async Task SendAsync_AReplyIsRefused_StopsThere_ReturnsTheOutcome_AndLetsTheNextReplyGo()
    {
        _line.Queued(ReplyLine.ConversationOf(Chat), Key);
        _messenger.Setup(m => m.SendTextAsync(Chat, "two", It.IsAny<CancellationToken>()))
            .Callback(() => _posted.Add("two (refused)"))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Throttled, Detail: "429"));

        var result = await NewSender().SendAsync(Send(null, ReplyMessage.OfText("one"), ReplyMessage.OfText("two"), ReplyMessage.OfText("three")), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Throttled, result.Outcome);
        Assert.Equal(["one", "two (refused)"], _posted);
        Assert.Equal([ReplySender.PartKey(Key, 0)], _done.Keys);
        Assert.Equal(ReplyState.Settled, _line.StateOf(Key));
    }

    [Fact]
    public async Task SendAsync_TheConversationsEarlierReplyStillPendingHere_WaitsUntilItIsSent()
    {
        _line.Queued(ReplyLine.ConversationOf(Chat), Earlier);

        var sending = NewSender().SendAsync(Send(Earlier, ReplyMessage.OfText("second")), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        Assert.False(sending.IsCompleted);
        Assert.Empty(_posted);

        _line.Settled(Earlier);

        Assert.True((await sending.WaitAsync(TimeSpan.FromSeconds(5))).IsDelivered);
        Assert.Equal(["second"], _posted);
        Assert.False(WentAheadWithoutTheEarlierReply);
    }

    [Fact]
    public async Task SendAsync_EarlierReplyUnknownHereButDoneInStorage_GoesAtOnce()
    {
        _done[Earlier] = "sent-by-another-instance";

        var result = await NewSender().SendAsync(Send(Earlier, ReplyMessage.OfText("second")), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(result.IsDelivered);
        _idempotency.Verify(i => i.GetAsync(Earlier, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendAsync_EarlierReplyPendingHereButSentByAnotherInstance_GoesOnceStorageSaysSo()
    {
        _line.Queued(ReplyLine.ConversationOf(Chat), Earlier);
        var sending = NewSender().SendAsync(Send(Earlier, ReplyMessage.OfText("second")), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        _done[Earlier] = "sent-by-another-instance";

        await AdvanceUntilAsync(sending, TimeSpan.FromSeconds(1));

        Assert.Equal(["second"], _posted);
        Assert.False(WentAheadWithoutTheEarlierReply);
    }

    [Fact]
    public async Task SendAsync_EarlierReplyNeverSettles_GoesAheadAfterTheOrderWait()
    {
        var start = _time.GetUtcNow();
        var sending = NewSender().SendAsync(Send(Earlier, ReplyMessage.OfText("second")), CancellationToken.None);

        await AdvanceUntilAsync(sending, TimeSpan.FromMilliseconds(250));

        Assert.Equal(["second"], _posted);
        Assert.True(_time.GetUtcNow() - start >= ReplySender.MaxOrderWait);
        Assert.True(WentAheadWithoutTheEarlierReply);
    }

    [Theory]
    [InlineData(30, 10)]
    [InlineData(15, 5)]
    [InlineData(3, 1)]
    public void OrderWait_IsTenSecondsOrAThirdOfTheSendSection(int sectionSeconds, int waitSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(waitSeconds), NewSender(TimeSpan.FromSeconds(sectionSeconds)).OrderWait);
    }

    [Fact]
    public async Task SendAsync_UnreadablePayload_FailsWithoutPosting()
    {
        var result = await NewSender().SendAsync(new OutboundSend(Key, OutboundKinds.Reply, TestIds.TenantId, "a:chat", null, "{}"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.Empty(_posted);
    }

    private async Task AdvanceUntilAsync(Task task, TimeSpan step)
    {
        for (var i = 0; i < 200 && !task.IsCompleted; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
            _time.Advance(step);
        }

        await task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private ReplySender NewSender(TimeSpan? section = null) => new(
        _messenger.Object,
        _idempotency.Object,
        _line,
        OptionsFactory.Create(new DeliveryOptions { SendSectionTimeout = section ?? TimeSpan.FromSeconds(30) }),
        _time,
        _log);

    private static OutboundSend Send(string? after, params ReplyMessage[] replies) =>
        new(Key, OutboundKinds.Reply, TestIds.TenantId, TestIds.PersonalConversationId, null, new ReplyBatch(Chat, after, replies).ToJson());
}
