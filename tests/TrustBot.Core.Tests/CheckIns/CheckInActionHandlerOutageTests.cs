using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Outages;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.CheckIns;

/// <summary>A vote while storage comes and goes: never a false "thanks", never a false "not saved".</summary>
public sealed class CheckInActionHandlerOutageTests
{
    private const string Tenant = "tenant-1";
    private static readonly CheckIn Open = CheckIn(["ps-mistakes"]) with { TenantId = Tenant, ConversationId = "19:chan@thread.tacv2" };

    private readonly Mock<IBallotBox> _ballots = new();
    private readonly FakeTimeProvider _clock = new(OpensAt.AddHours(1));

    [Fact]
    public async Task BallotWriteUnavailable_PropagatesAndTheOutageCardSaysNotSaved()
    {
        _ballots.Setup(b => b.CastAsync(Tenant, Open.CheckInId, It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, int>>(), It.IsAny<BallotTerms>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StorageUnavailableException());
        var handler = Handler();
        var vote = Vote();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => handler.HandleAsync(vote, CancellationToken.None));
        var card = handler.WhenStorageUnavailable(vote);

        var text = string.Join("\n", Texts(card));
        Assert.Contains("not saved", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Thanks", text, StringComparison.Ordinal);
        var retry = Assert.Single(Elements(card, "Action.Execute"), a => (string?)a["title"] == StorageOutageViews.TryAgainTitle);
        Assert.Equal(CardVerbs.CheckInRefresh, (string?)retry["verb"]);
        Assert.Equal(Open.CheckInId, (string?)retry["data"]![CardData.CheckInId]);
        Assert.Empty(Elements(card, "Input.ChoiceSet"));
    }

    [Fact]
    public async Task BallotStoredButTallyUnavailable_ThanksWithoutACount()
    {
        _ballots.Setup(b => b.CastAsync(Tenant, Open.CheckInId, It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, int>>(), It.IsAny<BallotTerms>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(BallotOutcome.Counted);
        _ballots.Setup(b => b.GetTallyAsync(Tenant, Open.CheckInId, It.IsAny<CancellationToken>())).ThrowsAsync(new StorageUnavailableException());

        var card = await Handler().HandleAsync(Vote(), CancellationToken.None);

        var text = string.Join("\n", Texts(card));
        Assert.Contains("Thanks", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not saved", text, StringComparison.Ordinal);
        Assert.DoesNotContain("repl", text, StringComparison.Ordinal);
    }

    private CheckInActionHandler Handler()
    {
        var store = new Mock<ICheckInStore>();
        store.Setup(s => s.GetAsync(Tenant, Open.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(Open);
        store.Setup(s => s.GetSaltAsync(Tenant, Open.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(new byte[32]);
        var options = Options.Create(new CheckInOptions { CacheDuration = TimeSpan.Zero, TallyCacheDuration = TimeSpan.Zero });
        var statements = new CheckInStatements(Mock.Of<IInstallationStore>());
        return new CheckInActionHandler(
            new OpenCheckInCache(store.Object, statements, options, _clock),
            _ballots.Object,
            new TallyCache(_ballots.Object, _clock),
            options,
            new ParticipationHasher(Options.Create(new AnonymityOptions { Secret = TestSecret.Value })),
            _clock,
            NullLogger<CheckInActionHandler>.Instance);
    }

    private static CardAction Vote() => new()
    {
        TenantId = Tenant,
        Kind = ConversationKind.Channel,
        ConversationId = Open.ConversationId,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        BotId = "28:bot",
        Verb = CardVerbs.CheckInVote,
        Data = new JsonObject { [CardData.CheckInId] = Open.CheckInId, [CardData.AnswerInput("ps-mistakes")] = "5" },
        FromAadObjectId = Guid.NewGuid().ToString(),
    };
}
