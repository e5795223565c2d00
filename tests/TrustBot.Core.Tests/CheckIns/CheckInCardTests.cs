using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Questions;
using TrustBot.Testing.Schemas;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.CheckIns;

public sealed class CheckInCardTests
{
    private static readonly AnswerScale Scale = Instrument.Default.Scale;

    private static readonly Statement Custom = new(
        "custom-focus", "team", "focus", false, "Focus", "We know what matters most this week, and why it matters to the people we serve.");

    private static readonly IReadOnlyList<Statement> Three = StatementCatalog.Default.WithCustom([Custom]).Resolve(["ps-mistakes", "trust-care", "custom-focus"]);

    private static readonly CheckIn ThreeCheckIn = CheckIn(["ps-mistakes", "trust-care", "custom-focus"]);

    public static TheoryData<string> Views() =>
    [
        "ask-one", "ask-three", "ask-after-threshold", "answered", "answered-after-threshold", "results", "results-partly-hidden",
        "closed-empty", "closed-results", "problem",
    ];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_ValidatesAgainstAdaptiveCard15Schema(string view)
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(Build(view));

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void View_IsVersion15WithSchemaSummaryAndBelow28KB(string view)
    {
        var card = Build(view);

        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        Assert.Equal(CheckInCard.Summary, (string?)card["fallbackText"]);
        Assert.InRange(Bytes(card), 1, MaxCardBytes - 1);
    }

    [Fact]
    public void Ask_OneChoiceSetPerStatementWithSevenLabelledChoices()
    {
        var card = CheckInCard.Ask(ThreeCheckIn, Three, 2);

        var sets = Elements(card, "Input.ChoiceSet").ToList();
        Assert.Equal(["answer-ps-mistakes", "answer-trust-care", "answer-custom-focus"], sets.Select(s => (string?)s["id"]));
        Assert.All(sets, set =>
        {
            Assert.Equal("expanded", (string?)set["style"]);
            Assert.True((bool?)set["isRequired"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)set["errorMessage"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)set["label"]));
            var choices = set["choices"]!.AsArray();
            Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], choices.Select(c => (string?)c!["value"]));
            Assert.Equal(Scale.Labels, choices.Select(c => (string?)c!["title"]));
        });
    }

    [Fact]
    public void Ask_ShowsEachStatementTextBeforeItsChoices()
    {
        var body = CheckInCard.Ask(ThreeCheckIn, Three, 0)["body"]!.AsArray();

        foreach (var statement in Three)
        {
            var choiceAt = body.Select((e, i) => (e, i)).Single(x => (string?)x.e!["id"] == CardData.AnswerInput(statement.Id)).i;
            Assert.Equal("TextBlock", (string?)body[choiceAt - 1]!["type"]);
            Assert.Equal(statement.Text, (string?)body[choiceAt - 1]!["text"]);
        }
    }

    [Fact]
    public void Ask_SendIsActionExecuteWithSubmitFallback()
    {
        var card = CheckInCard.Ask(ThreeCheckIn, Three, 0);

        var set = Assert.Single(Elements(card, "ActionSet"));
        var execute = Assert.Single(set["actions"]!.AsArray())!.AsObject();
        Assert.Equal("Action.Execute", (string?)execute["type"]);
        Assert.Equal(CardVerbs.CheckInVote, (string?)execute["verb"]);
        Assert.Equal("Send anonymously", (string?)execute["title"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["checkInId"] = "ci-7f3a9b2c" }, execute["data"]));
        var fallback = execute["fallback"]!.AsObject();
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["verb"] = "checkin.vote", ["checkInId"] = "ci-7f3a9b2c" }, fallback["data"]));
        Assert.Null(card["actions"]);
    }

    [Theory]
    [InlineData("ask-three")]
    [InlineData("answered")]
    [InlineData("results")]
    public void View_HasRefreshForEveryoneCarryingTheCheckInId(string view)
    {
        var refresh = Build(view)["refresh"]!.AsObject();

        Assert.Null(refresh["userIds"]);
        var action = refresh["action"]!.AsObject();
        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal(CardVerbs.CheckInRefresh, (string?)action["verb"]);
        Assert.Equal("ci-7f3a9b2c", (string?)action["data"]!["checkInId"]);
    }

    [Theory]
    [InlineData("closed-empty")]
    [InlineData("closed-results")]
    [InlineData("problem")]
    public void View_FinalOrErrorViews_HaveNoRefreshAndNoActions(string view)
    {
        var card = Build(view);

        Assert.Null(card["refresh"]);
        Assert.Empty(Elements(card, "Action.Execute"));
        Assert.Empty(Elements(card, "Input.ChoiceSet"));
    }

    [Fact]
    public void Ask_ShowsReplyCountThresholdAndClosingTimeInTheReadersZone()
    {
        var texts = Texts(CheckInCard.Ask(ThreeCheckIn, Three, 4)).ToList();

        Assert.Contains(texts, t => t.StartsWith("4 replies so far; results appear at 5.", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Closes {{DATE(2026-11-26T09:00:00Z, SHORT)}} at {{TIME(2026-11-26T09:00:00Z)}}.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4, 5)]
    [InlineData(0, 5)]
    [InlineData(1, 3)]
    [InlineData(6, 7)]
    public void Answered_BelowThreshold_ShowsNoNumberButRepliesAndThreshold(int replies, int threshold)
    {
        var checkIn = CheckIn(["ps-mistakes", "trust-care"], threshold);

        var card = CheckInCard.Answered(checkIn, replies);

        Assert.Empty(Elements(card, "ColumnSet"));
        Assert.Empty(Elements(card, "FactSet"));
        var allowed = $"{replies}{threshold}";
        var digits = string.Concat(VisibleStrings(card)).Where(char.IsDigit).Distinct();
        Assert.All(digits, d => Assert.Contains(d, allowed));
        Assert.Contains("Thanks — your answer is anonymous.", Texts(card));
        Assert.Contains(
            Texts(card),
            t => t.Contains($"so far; results appear at {threshold}.", StringComparison.Ordinal)
                && t.StartsWith(replies.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public void Answered_OneReply_IsSingular()
    {
        Assert.Contains("1 reply so far; results appear at 5.", Texts(CheckInCard.Answered(ThreeCheckIn, 1)));
    }

    [Fact]
    public void Answered_ThresholdBelowThree_PromisesThree()
    {
        Assert.Contains("2 replies so far; results appear at 3.", Texts(CheckInCard.Answered(CheckIn(["ps-risk"], threshold: 1), 2)));
    }

    [Fact]
    public void Results_ShowScoreAnswersAndDistributionPerStatement()
    {
        var card = CheckInCard.Results(ThreeCheckIn, SampleResults(5));

        var texts = Texts(card).ToList();
        Assert.Contains("Score **20** out of 100 · 5 answers", texts);
        Assert.Contains("Score **83** out of 100 · 5 answers", texts);
        Assert.Contains("Score **100** out of 100 · 5 answers", texts);
        Assert.Contains("Mistakes held against you", texts);
        var distributions = Elements(card, "ColumnSet")
            .Select(set => set["columns"]!.AsArray().Select(c => (string?)c!["items"]![0]!["text"]).ToList())
            .ToList();
        Assert.Equal(
            [["1", "0", "0", "0", "0", "0", "4"], ["0", "0", "0", "0", "0", "5", "0"], ["0", "0", "0", "0", "0", "0", "5"]],
            distributions);
        Assert.Contains(texts, t => t.Contains("other way round", StringComparison.Ordinal));
    }

    [Fact]
    public void Results_StatementWithTooFewAnswers_IsSaidToBeHidden()
    {
        var card = Build("results-partly-hidden");

        Assert.Equal(2, Elements(card, "ColumnSet").Count());
        Assert.Contains(Texts(card), t => t.StartsWith("One statement had fewer than 5 answers", StringComparison.Ordinal));
    }

    [Fact]
    public void Results_BelowThreshold_Throws()
    {
        var tooFew = SampleResults(5) with { Replies = 4 };

        Assert.Throws<ArgumentException>(() => CheckInCard.Results(ThreeCheckIn, tooFew));
        Assert.Throws<ArgumentException>(() => CheckInCard.Closed(ThreeCheckIn, tooFew));
    }

    [Fact]
    public void Results_StatementBelowThreshold_Throws()
    {
        var results = SampleResults(5);
        var forged = results with { Statements = [results.Statements[0] with { Answers = 2 }] };

        Assert.Throws<ArgumentException>(() => CheckInCard.Results(ThreeCheckIn, forged));
    }

    [Fact]
    public void Closed_WithoutResults_SaysNotEnoughReplies()
    {
        var card = CheckInCard.Closed(ThreeCheckIn, null);

        Assert.Contains(
            "Not enough replies to show results — nothing is shown below 5 replies, to keep answers anonymous.",
            Texts(card));
        Assert.Empty(Elements(card, "ColumnSet"));
    }

    [Fact]
    public void Closed_WithResults_ShowsTheFinalResults()
    {
        var card = CheckInCard.Closed(ThreeCheckIn, SampleResults(6));

        Assert.Contains("Final check-in results", Texts(card));
        Assert.Contains(Texts(card), t => t.Contains("6 replies in total", StringComparison.Ordinal));
        Assert.Equal(3, Elements(card, "ColumnSet").Count());
    }

    [Fact]
    public void Problem_ShowsOnlyTheFriendlyMessage()
    {
        var card = CheckInCard.Problem("This check-in has already closed.");

        Assert.Contains("This check-in has already closed.", Texts(card));
        Assert.DoesNotContain("ci-7f3a9b2c", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_LongMessage_IsShortened()
    {
        var card = CheckInCard.Problem(new string('x', 5000));

        Assert.All(Texts(card), t => Assert.True(t.Length <= 301));
    }

    [Fact]
    public void Ask_NoStatements_Throws()
    {
        Assert.Throws<ArgumentException>(() => CheckInCard.Ask(ThreeCheckIn, [], 0));
    }

    private static CheckInResults SampleResults(int replies)
    {
        var tally = new Tally(replies, new Dictionary<string, int[]>
        {
            ["ps-mistakes"] = [1, 0, 0, 0, 0, 0, replies - 1],
            ["trust-care"] = [0, 0, 0, 0, 0, replies, 0],
            ["custom-focus"] = [0, 0, 0, 0, 0, 0, replies],
        });
        return CheckInScoring.Results(tally, Three, 5)!;
    }

    internal static JsonObject Build(string view) => view switch
    {
        "ask-one" => CheckInCard.Ask(CheckIn(["trust-care"]), [Instrument.Default.Find("trust-care")!], 0),
        "ask-three" => CheckInCard.Ask(ThreeCheckIn, Three, 3),
        "ask-after-threshold" => CheckInCard.Ask(ThreeCheckIn, Three, 9),
        "answered" => CheckInCard.Answered(ThreeCheckIn, 4),
        "answered-after-threshold" => CheckInCard.Answered(ThreeCheckIn, 12),
        "results" => CheckInCard.Results(ThreeCheckIn, SampleResults(5)),
        "results-partly-hidden" => CheckInCard.Results(
            ThreeCheckIn,
            CheckInScoring.Results(
                new Tally(5, new Dictionary<string, int[]>
                {
                    ["ps-mistakes"] = [0, 0, 0, 5, 0, 0, 0],
                    ["trust-care"] = [0, 0, 0, 0, 0, 5, 0],
                    ["custom-focus"] = [0, 0, 0, 0, 0, 0, 2],
                }),
                Three,
                5)!),
        "closed-empty" => CheckInCard.Closed(ThreeCheckIn, null),
        "closed-results" => CheckInCard.Closed(ThreeCheckIn, SampleResults(7)),
        "problem" => CheckInCard.Problem("This check-in has already closed."),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, null),
    };
}
