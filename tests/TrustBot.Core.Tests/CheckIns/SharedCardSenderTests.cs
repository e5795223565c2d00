using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Messaging;
using TrustBot.Core.Questions;
using TrustBot.Core.Tests.Fakes;

namespace TrustBot.Core.Tests.CheckIns;

public sealed class SharedCardSenderTests
{
    private static readonly DateTimeOffset FoldTime = new(2026, 3, 11, 9, 1, 0, TimeSpan.Zero);

    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly Mock<IBallotBox> _ballots = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly FakeTimeProvider _clock = new(FoldTime.AddSeconds(3));
    private JsonObject? _card;

    public SharedCardSenderTests()
    {
        _ballots.Setup(b => b.CountParticipantsAsync(TestIds.TenantId, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(6);
        _ballots.Setup(b => b.GetTallyAsync(TestIds.TenantId, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Tally(5, new Dictionary<string, int[]> { ["ps-mistakes"] = [0, 0, 0, 0, 5, 0, 0] }));
        _messenger
            .Setup(m => m.UpdateCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationAddress, string, JsonObject, string, CancellationToken>((_, _, c, _, _) => _card = c)
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "1712345678901"));
    }

    [Fact]
    public async Task SendAsync_OpenCheckIn_UpdatesTheCardInPlaceWithTheReplyCount()
    {
        var checkIn = Stored(Open());

        var result = await Sender().SendAsync(SharedCards.AfterFold(checkIn, FoldTime), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        _messenger.Verify(m => m.UpdateCardAsync(
            It.Is<ConversationAddress>(a => a.ConversationId == TestIds.ChosenChannelId && a.TenantId == TestIds.TenantId),
            "1712345678901", It.IsAny<JsonObject>(), CheckInCard.Summary, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(CheckInCard.Ask(checkIn, Statements(), 6).ToJsonString(), _card!.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_ClosedByTheTimeItIsSent_ShowsTheClosedView()
    {
        // A fold's refresh that reaches the worker after the close shows what is current, never an older state.
        var checkIn = Stored(Open() with { Status = CheckInStatus.Closed });

        await Sender().SendAsync(SharedCards.AfterFold(checkIn, FoldTime), CancellationToken.None);

        Assert.NotEqual(CheckInCard.Ask(checkIn, Statements(), 6).ToJsonString(), _card!.ToJsonString());
        Assert.Equal(CheckInCard.Closed(checkIn, CheckInScoring.Results(
            new Tally(5, new Dictionary<string, int[]> { ["ps-mistakes"] = [0, 0, 0, 0, 5, 0, 0] }), Statements(), 5)).ToJsonString(), _card.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_NotDelivered_ReturnsTheOutcomeSoTheWorkerTriesAgain()
    {
        var checkIn = Stored(Open());
        _messenger
            .Setup(m => m.UpdateCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<string>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Throttled, Detail: "429"));

        var result = await Sender().SendAsync(SharedCards.AtClose(checkIn), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Throttled, result.Outcome);
    }

    [Fact]
    public async Task SendAsync_CheckInErasedOrNeverPosted_DeliveredWithoutTouchingAnyCard()
    {
        var unposted = Stored(Open() with { CheckInId = "ci-unposted", ActivityId = null });

        var erased = await Sender().SendAsync(SharedCards.AtClose(Open() with { CheckInId = "ci-erased" }), CancellationToken.None);
        var neverPosted = await Sender().SendAsync(SharedCards.AtClose(unposted), CancellationToken.None);

        Assert.Equal((DeliveryOutcome.Delivered, DeliveryOutcome.Delivered), (erased.Outcome, neverPosted.Outcome));
        _messenger.VerifyNoOtherCalls();
    }

    [Fact]
    public void Keys_NameTheCheckInAndTheVersion_AndTheTenantAndTeamForErasure()
    {
        var checkIn = Open();

        var first = SharedCards.AfterFold(checkIn, FoldTime);
        var again = SharedCards.AfterFold(checkIn, FoldTime);
        var next = SharedCards.AfterFold(checkIn, FoldTime.AddMinutes(1));
        var close = SharedCards.AtClose(checkIn);

        Assert.Equal(first, again);
        Assert.Equal(3, new[] { first.IdempotencyKey, next.IdempotencyKey, close.IdempotencyKey }.Distinct(StringComparer.Ordinal).Count());
        Assert.All(new[] { first, next, close }, send =>
        {
            Assert.StartsWith($"{SharedCards.SendKind}:{TestIds.TenantId}:{TestIds.TeamId}:ci-1:", send.IdempotencyKey, StringComparison.Ordinal);
            Assert.Equal((SharedCards.SendKind, TestIds.TenantId, TestIds.TeamId), (send.Kind, send.TenantId, send.InstallationKey));
            Assert.Equal("ci-1", SharedCards.ReadCheckInId(send.PayloadJson));
        });
        Assert.Null(SharedCards.ReadCheckInId("[1]"));
    }

    private SharedCardSender Sender() => new(
        _checkIns.Object, new CheckInStatements(new InMemoryInstallationStore()), _ballots.Object, _messenger.Object, _clock, NullLogger<SharedCardSender>.Instance);

    private CheckIn Stored(CheckIn checkIn)
    {
        _checkIns.Setup(s => s.GetAsync(checkIn.TenantId, checkIn.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(checkIn);
        return checkIn;
    }

    private static IReadOnlyList<Statement> Statements() => [StatementCatalog.Default.Find("ps-mistakes")!];

    private static CheckIn Open() => CheckInCloseJobTests.CheckIn("ci-1") with
    {
        ActivityId = "1712345678901",
        OpensAt = FoldTime.AddDays(-1),
        ClosesAt = FoldTime.AddDays(2),
    };
}
