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
using TrustBot.Core.Questions;
using TrustBot.Testing.Schemas;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.Questions.QuestionTypes;

/// <summary>
/// A check-in mixing a 7-point statement with the test-only yes/no type (<see cref="YesNoInstrument"/>): the card offers
/// each its own choices, the vote handler reads each on its own scale, the ballot box folds 7 and 2 counters, and the
/// scores map each scale to 0–100.
/// </summary>
public sealed class YesNoQuestionTypeTests
{
    private const string Tenant = "tenant-1";
    private const double Precision = 1e-9;

    private static readonly CheckIn Mixed = CheckIn([YesNoInstrument.AgreementId, YesNoInstrument.YesNoId], threshold: 3) with { TenantId = Tenant };

    private readonly FoldingBallotBox _ballots = new();
    private readonly FakeTimeProvider _clock = new(OpensAt.AddHours(1));

    [Fact]
    public void Instrument_StatementsCarryTheirScale()
    {
        Assert.Equal(AnswerScale.AgreementKind, YesNoInstrument.Agreement.Scale.Kind);
        Assert.Equal(7, YesNoInstrument.Agreement.Scale.Points);
        Assert.Equal("yes-no", YesNoInstrument.YesNo.Scale.Kind);
        Assert.Equal(["No", "Yes"], YesNoInstrument.YesNo.Scale.Labels);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("2", true)]
    [InlineData("3", false)]
    [InlineData("7", false)]
    [InlineData("0", false)]
    public void YesNo_ParsesOnlyItsTwoPoints(string raw, bool ok)
    {
        Assert.Equal(ok, YesNoInstrument.YesNo.Scale.TryParseAnswer(raw, out _));
    }

    [Fact]
    public void Ask_OffersEachStatementItsOwnScale()
    {
        var sets = Elements(Ask(), "Input.ChoiceSet").ToList();

        Assert.Equal(2, sets.Count);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], sets[0]["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.Equal(["1", "2"], sets[1]["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.Equal(["No", "Yes"], sets[1]["choices"]!.AsArray().Select(c => (string?)c!["title"]));
    }

    [Fact]
    public async Task Ask_ValidatesAgainstAdaptiveCard15Schema()
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(Ask());

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Theory]
    [InlineData(new[] { 0, 4 }, false, 100)]
    [InlineData(new[] { 4, 0 }, false, 0)]
    [InlineData(new[] { 1, 3 }, false, 75)]
    [InlineData(new[] { 1, 3 }, true, 25)]
    [InlineData(new[] { 2 }, false, 0)]
    public void YesNo_ScoresZeroToHundred(int[] counts, bool reverse, double expected)
    {
        var statement = YesNoInstrument.YesNo with { Reverse = reverse };

        Assert.Equal(expected, CheckInScoring.StatementScore(statement, counts), Precision);
    }

    [Fact]
    public void YesNo_MoreCountsThanPoints_Throws()
    {
        Assert.Throws<ArgumentException>(() => CheckInScoring.StatementScore(YesNoInstrument.YesNo, [1, 1, 1]));
    }

    [Fact]
    public async Task Vote_BothScalesGoThroughTheHandlerToTheFoldAndScore()
    {
        var handler = Handler();
        (string Agreement, string YesNo)[] votes = [("1", "2"), ("7", "2"), ("4", "1"), ("2", "2")];
        foreach (var vote in votes)
        {
            await handler.HandleAsync(Vote(vote.Agreement, vote.YesNo), CancellationToken.None);
        }

        _ballots.Fold();
        var tally = await _ballots.GetTallyAsync(Tenant, Mixed.CheckInId, CancellationToken.None);

        Assert.Equal(4, tally.Replies);
        Assert.Equal([1, 1, 0, 1, 0, 0, 1], tally.Counts[YesNoInstrument.AgreementId]);
        Assert.Equal([1, 3], tally.Counts[YesNoInstrument.YesNoId]);

        var results = CheckInScoring.Results(tally, [YesNoInstrument.Agreement, YesNoInstrument.YesNo], Mixed.Threshold)!;
        var yesNo = Assert.Single(results.Statements, r => r.Statement.Id == YesNoInstrument.YesNoId);
        Assert.Equal(75, yesNo.Score, Precision);
        Assert.Equal([1, 3], yesNo.Distribution);

        // Reverse on 7 points: answers 1, 7, 4, 2 count as 7, 1, 4, 6 → mean 4.5 → 3.5 / 6 × 100.
        var agreement = Assert.Single(results.Statements, r => r.Statement.Id == YesNoInstrument.AgreementId);
        Assert.Equal(3.5 / 6 * 100, agreement.Score, Precision);

        var card = CheckInCard.Results(Mixed, results);
        var errors = await AdaptiveCardSchema.ValidateAsync(card);
        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
        Assert.Contains("Each column counts the answers from 1 (no) to 2 (yes).", Texts(card));
        Assert.Contains("Each column counts the answers from 1 (strongly disagree) to 7 (strongly agree).", Texts(card));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData(null)]
    public async Task Vote_YesNoAnswerOffItsScale_IsRefusedAndNothingIsCast(string? yesNo)
    {
        var card = await Handler().HandleAsync(Vote("5", yesNo), CancellationToken.None);

        Assert.Contains(Texts(card), t => t.Contains("choose one answer", StringComparison.Ordinal));
        Assert.Equal(0, await _ballots.CountParticipantsAsync(Tenant, Mixed.CheckInId, CancellationToken.None));
    }

    private static JsonObject Ask() => CheckInCard.Ask(Mixed, [YesNoInstrument.Agreement, YesNoInstrument.YesNo], 0);

    private CheckInActionHandler Handler()
    {
        var store = new Mock<ICheckInStore>();
        store.Setup(s => s.GetAsync(Tenant, Mixed.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(Mixed);
        store.Setup(s => s.GetSaltAsync(Tenant, Mixed.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(new byte[32]);
        var options = Options.Create(new CheckInOptions { CacheDuration = TimeSpan.Zero, TallyCacheDuration = TimeSpan.Zero });
        var statements = new CheckInStatements(Mock.Of<IInstallationStore>(), StatementCatalog.Of(YesNoInstrument.Instrument));
        return new CheckInActionHandler(
            new OpenCheckInCache(store.Object, statements, options, _clock),
            _ballots,
            new TallyCache(_ballots, _clock),
            options,
            new ParticipationHasher(Options.Create(new AnonymityOptions { Secret = TestSecret.Value })),
            _clock,
            NullLogger<CheckInActionHandler>.Instance);
    }

    private static CardAction Vote(string? agreement, string? yesNo)
    {
        var data = new JsonObject { [CardData.CheckInId] = Mixed.CheckInId, [CardData.AnswerInput(YesNoInstrument.AgreementId)] = agreement };
        if (yesNo is not null)
        {
            data[CardData.AnswerInput(YesNoInstrument.YesNoId)] = yesNo;
        }

        return new CardAction
        {
            TenantId = Tenant,
            Kind = ConversationKind.Channel,
            ConversationId = Mixed.ConversationId,
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            BotId = "28:bot",
            Verb = CardVerbs.CheckInVote,
            Data = data,
            FromAadObjectId = Guid.NewGuid().ToString(),
        };
    }
}
