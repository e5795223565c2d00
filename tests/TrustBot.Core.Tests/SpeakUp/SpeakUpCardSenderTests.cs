using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class SpeakUpCardSenderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemorySpeakUpStore _store = new();
    private readonly Mock<IBotMessenger> _messenger = new();

    [Fact]
    public async Task SendAsync_PostedSession_ReplacesTheCardWithTheClosedView()
    {
        var session = SpeakUpCloseJobTests.Session("due", Now) with { ActivityId = "1712345678901" };
        await _store.CreateSessionAsync(session, [1, 2, 3], CancellationToken.None);
        JsonObject? card = null;
        _messenger
            .Setup(m => m.UpdateCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationAddress, string, JsonObject, string, CancellationToken>((_, _, c, _, _) => card = c)
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1712345678901"));

        var result = await Sender().SendAsync(SpeakUpCardSender.ClosedView(session), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        _messenger.Verify(m => m.UpdateCardAsync(
            It.Is<ConversationAddress>(a => a.ConversationId == session.ConversationId && a.TenantId == TestIds.TenantId),
            "1712345678901", It.IsAny<JsonObject>(), SpeakUpCard.Summary, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains("This question has closed", card!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Throttled_ReturnsTheOutcomeSoTheWorkerTriesAgain()
    {
        var session = SpeakUpCloseJobTests.Session("due", Now) with { ActivityId = "1" };
        await _store.CreateSessionAsync(session, [1], CancellationToken.None);
        _messenger
            .Setup(m => m.UpdateCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Throttled, Detail: "429"));

        var result = await Sender().SendAsync(SpeakUpCardSender.ClosedView(session), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Throttled, result.Outcome);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SendAsync_SessionErasedOrNeverPosted_DeliveredWithoutTouchingAnyCard(bool stored)
    {
        var session = SpeakUpCloseJobTests.Session("due", Now);
        if (stored)
        {
            await _store.CreateSessionAsync(session, [1], CancellationToken.None);
        }

        var result = await Sender().SendAsync(SpeakUpCardSender.ClosedView(session with { ActivityId = "1" }), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        _messenger.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendAsync_PayloadNamesNoSession_DeliveredWithoutTouchingAnyCard()
    {
        var send = new OutboundSend("speakup-card:x", SpeakUpCardSender.SendKind, TestIds.TenantId, TestIds.TeamId, null, "not json");

        Assert.Equal(DeliveryOutcome.Delivered, (await Sender().SendAsync(send, CancellationToken.None)).Outcome);
        _messenger.VerifyNoOtherCalls();
    }

    private SpeakUpCardSender Sender() => new(_store, _messenger.Object, NullLogger<SpeakUpCardSender>.Instance);
}
