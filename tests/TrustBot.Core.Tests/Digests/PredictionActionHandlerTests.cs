using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Digests;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Tests.Fakes;
using static TrustBot.Core.Tests.Cards.CardInspection;
using static TrustBot.Core.Tests.Digests.DigestSamples;

namespace TrustBot.Core.Tests.Digests;

public sealed class PredictionActionHandlerTests
{
    private static readonly DateTimeOffset Now = LatestOpensAt.AddDays(4);

    private readonly InMemoryInstallationStore _installations = new();
    private readonly Mock<ILeaderStore> _leaders = new();
    private readonly Mock<IPredictionStore> _predictions = new();
    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly Mock<IBallotBox> _ballots = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly FakeTimeProvider _time = new(Now);

    public PredictionActionHandlerTests()
    {
        _installations.Seed(Team());
        _leaders.Setup(l => l.GetAsync(TestIds.TenantId, TestIds.TeamId, LeaderUserId, It.IsAny<CancellationToken>())).ReturnsAsync(Leader());
        _checkIns.Setup(c => c.ListForInstallationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(() => Async(Array.Empty<CheckIn>()));
    }

    [Fact]
    public async Task HandleAsync_NotALeaderOfTheTeam_RefusedAndNothingStored()
    {
        var card = await Handler().HandleAsync(Action(OtherUserId, "70"), CancellationToken.None);

        Assert.Contains("Only a leader of this team can make a prediction for it.", Texts(card));
        VerifyNothingSaved();
    }

    [Fact]
    public async Task HandleAsync_LeaderOfAnotherTenant_LookedUpInTheActionsOwnTenantAndRefused()
    {
        var card = await Handler().HandleAsync(Action(LeaderUserId, "70") with { TenantId = TestIds.OtherTenantId }, CancellationToken.None);

        Assert.Contains("Only a leader of this team can make a prediction for it.", Texts(card));
        VerifyNothingSaved();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("70.5")]
    [InlineData("")]
    [InlineData(null)]
    public async Task HandleAsync_InvalidValue_TheDigestAgainWithTheMessageAndNothingStored(string? value)
    {
        var card = await Handler().HandleAsync(Action(LeaderUserId, value), CancellationToken.None);

        Assert.Contains(PredictionActionHandler.InvalidValueMessage, Texts(card));
        Assert.Single(Elements(card, "Input.Number"));
        VerifyNothingSaved();
    }

    [Theory]
    [InlineData("70", 70)]
    [InlineData(" 0 ", 0)]
    [InlineData("100.0", 100)]
    public async Task HandleAsync_ValidValue_StoredForTheLeaderAndTeamNowWithThanks(string value, int expected)
    {
        var card = await Handler().HandleAsync(Action(LeaderUserId, value), CancellationToken.None);

        _predictions.Verify(p => p.SaveAsync(TestIds.TenantId, TestIds.TeamId, LeaderUserId, expected, Now, true, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(Elements(card, "Input.Number"));
        Assert.Contains(Texts(card), t => t.Contains($"You predicted {expected} out of 100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_NumberAsJsonNumber_Stored()
    {
        var action = Action(LeaderUserId, null);
        action.Data[DigestVerbs.PredictionInput] = 42;

        await Handler().HandleAsync(action, CancellationToken.None);

        _predictions.Verify(p => p.SaveAsync(TestIds.TenantId, TestIds.TeamId, LeaderUserId, 42, Now, true, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_CheckInOpenBelowK_StoredAsMadeBeforeResults()
    {
        SeedOpenCheckIn(replies: 4);

        var card = await Handler().HandleAsync(Action(LeaderUserId, "70"), CancellationToken.None);

        _predictions.Verify(p => p.SaveAsync(TestIds.TenantId, TestIds.TeamId, LeaderUserId, 70, Now, true, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains("Thanks — your prediction is saved", Texts(card));
    }

    [Fact]
    public async Task HandleAsync_CheckInShowingResults_StoredAsLateAndTheCardSaysItIsNotCompared()
    {
        SeedOpenCheckIn(replies: 5);

        var card = await Handler().HandleAsync(Action(LeaderUserId, "70"), CancellationToken.None);

        _predictions.Verify(p => p.SaveAsync(TestIds.TenantId, TestIds.TeamId, LeaderUserId, 70, Now, false, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains(Texts(card), t => t.Contains(DigestCard.LatePredictionNote, StringComparison.Ordinal));
        Assert.DoesNotContain("Thanks — your prediction is saved", Texts(card));
    }

    [Fact]
    public async Task HandleAsync_CheckInClosedBeforeItsTime_StoredAsLateAndTheCardSaysItHadClosed()
    {
        var closedEarly = CheckIn("ci-closed", Now.AddHours(-1));
        _checkIns.Setup(c => c.ListForInstallationAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => Async(new[] { closedEarly }));
        _ballots.Setup(b => b.GetTallyAsync(TestIds.TenantId, "ci-closed", It.IsAny<CancellationToken>())).ReturnsAsync(new Tally(0, new Dictionary<string, int[]>()));

        var card = await Handler().HandleAsync(Action(LeaderUserId, "70"), CancellationToken.None);

        _predictions.Verify(p => p.SaveAsync(TestIds.TenantId, TestIds.TeamId, LeaderUserId, 70, Now, false, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains(Texts(card), t => t.Contains("That check-in had already closed", StringComparison.Ordinal));
    }

    private void SeedOpenCheckIn(int replies)
    {
        var open = CheckIn("ci-open", Now.AddHours(-1)) with { Status = CheckInStatus.Open };
        _checkIns.Setup(c => c.ListForInstallationAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => Async(new[] { open }));
        _ballots.Setup(b => b.GetTallyAsync(TestIds.TenantId, "ci-open", It.IsAny<CancellationToken>()))
            .ReturnsAsync(Tally(("ps-tough-issues", [0, 0, 0, 0, 0, replies, 0]), ("trust-care", [0, 0, 0, 0, 0, 0, replies])));
    }

    private void VerifyNothingSaved() =>
        _predictions.Verify(
            p => p.SaveAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<int>(), It.IsAny<DateTimeOffset>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()),
            Times.Never);

    private static CardAction Action(string fromId, string? value)
    {
        var data = new JsonObject { [DigestVerbs.TeamKey] = TestIds.TeamId, [DigestVerbs.AsOf] = LatestOpensAt.AddDays(3).ToString("O") };
        if (value is not null)
        {
            data[DigestVerbs.PredictionInput] = value;
        }

        return new CardAction
        {
            TenantId = TestIds.TenantId,
            Kind = ConversationKind.Personal,
            ConversationId = TestIds.PersonalConversationId,
            ServiceUrl = TestIds.ServiceUrl,
            BotId = TestIds.BotId,
            Verb = DigestVerbs.Predict,
            Data = data,
            FromId = fromId,
        };
    }

    private PredictionActionHandler Handler() => new(
        _leaders.Object,
        _installations,
        _predictions.Object,
        new PredictionTiming(_checkIns.Object, _ballots.Object),
        new DigestComposer(_checkIns.Object, _ballots.Object, new InMemorySpeakUpStore(), _predictions.Object, _messenger.Object),
        _time,
        NullLogger<PredictionActionHandler>.Instance);
}
