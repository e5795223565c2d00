using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Digests;
using TrustBot.Core.Questions;
using TrustBot.Core.Reminders;
using TrustBot.Testing.Schemas;
using static TrustBot.Core.Tests.Cards.CardInspection;
using static TrustBot.Core.Tests.Digests.DigestSamples;

namespace TrustBot.Core.Tests.Digests;

public sealed class DigestCardTests
{
    private static readonly CheckIn Latest = CheckIn("ci-latest", LatestOpensAt);

    public static TheoryData<string> Views() => ["full", "below-k", "no-check-in", "refused-value", "saved", "saved-late", "saved-after-close", "late-prediction", "changed-late", "problem", "reminder"];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_ValidatesAgainstAdaptiveCard15Schema(string view)
    {
        var card = Build(view);

        var errors = await AdaptiveCardSchema.ValidateAsync(card);

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.InRange(Bytes(card), 1, MaxCardBytes - 1);
    }

    [Fact]
    public void Build_Full_ShowsRateScoresTrendAnswersAndPredictionBesideActual()
    {
        var texts = VisibleStrings(Build("full")).ToList();

        Assert.Contains(texts, t => t.Contains("**75%** of the team", StringComparison.Ordinal));
        Assert.Contains("83 · ▲ 17 since last time · 5 answers", texts);
        Assert.Contains("100 · 6 answers", texts);
        Assert.Contains("You predicted", texts);
        Assert.Contains("“Standups run long.”", texts);
    }

    [Fact]
    public void Build_PredictionBox_IsANumberInput0To100WithAnExecuteActionCarryingTheTeam()
    {
        var card = Build("full");

        var input = Assert.Single(Elements(card, "Input.Number"));
        Assert.Equal(DigestVerbs.PredictionInput, (string?)input["id"]);
        Assert.Equal(0, (int?)input["min"]);
        Assert.Equal(100, (int?)input["max"]);
        var action = Assert.Single(Elements(card, "Action.Execute"));
        Assert.Equal(DigestVerbs.Predict, (string?)action["verb"]);
        Assert.Equal(TestIds.TeamId, (string?)action["data"]![DigestVerbs.TeamKey]);
        Assert.Equal(Latest.ClosesAt, DateTimeOffset.Parse((string)action["data"]![DigestVerbs.AsOf]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DigestVerbs.Predict, (string?)action["fallback"]!["data"]![CardData.Verb]);
    }

    [Fact]
    public void Saved_ReplacesTheBoxWithThanksAndHasNothingToPress()
    {
        var card = Build("saved");

        Assert.Empty(Elements(card, "Input.Number"));
        Assert.Empty(Elements(card, "ActionSet"));
        Assert.Contains(Texts(card), t => t.Contains("You predicted 64 out of 100", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("saved-late", "Your prediction came after results were visible")]
    [InlineData("saved-after-close", "That check-in had already closed")]
    public void Saved_TooLateToCompare_SaysSoKindlyInsteadOfTheThanks(string view, string expected)
    {
        var texts = Texts(Build(view)).ToList();

        Assert.Contains(texts, t => t.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("You predicted 64 out of 100", StringComparison.Ordinal));
        Assert.DoesNotContain("Thanks — your prediction is saved", texts);
    }

    [Fact]
    public void Build_LatePredictionOnly_SaysWhyItIsNotComparedAndShowsNoPredictedNumber()
    {
        var card = Build("late-prediction");

        Assert.Contains(DigestCard.LatePredictionNote, Texts(card));
        Assert.DoesNotContain("You predicted", VisibleStrings(card));
        Assert.Single(Elements(card, "Input.Number"));
    }

    [Fact]
    public void Build_WithProblem_ShowsTheMessageByTheBox()
    {
        Assert.Contains(PredictionActionHandler.InvalidValueMessage, Texts(Build("refused-value")));
    }

    [Fact]
    public void Build_ManyLongNotes_StaysUnderTheSizeLimitAndSaysHowManyWereLeftOut()
    {
        var notes = Enumerable.Range(0, 200).Select(i => $"Note {i}: " + new string('x', 400)).ToList();
        var digest = Full() with { Notes = [new DigestNoteGroup("What is slowing us down?", notes, 5)] };

        var card = DigestCard.Build(digest);

        Assert.InRange(Bytes(card), 1, DigestCard.MaxCardBytes);
        Assert.Contains(Texts(card), t => t.Contains("more notes did not fit", StringComparison.Ordinal));
        Assert.Single(Elements(card, "Input.Number"));
    }

    [Fact]
    public void Build_Notes_SayTheyAreSharedInGroupsOfTheTeamsK()
    {
        var digest = Full() with { Notes = [new DigestNoteGroup("What is slowing us down?", ["Standups run long.", "More pairing."], 7)] };

        var texts = Texts(DigestCard.Build(digest));

        Assert.Contains(texts, t => t.Contains("Notes are shared in groups of at least 7, never one at a time", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("groups of at least 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NotesOfPromptsWithDifferentK_NameEachPromptsK()
    {
        var digest = Full() with
        {
            Notes = [new DigestNoteGroup("What is slowing us down?", ["Standups run long."], 7), new DigestNoteGroup("What should we stop?", ["Late deploys."], 4)],
        };

        var texts = Texts(DigestCard.Build(digest));

        Assert.Contains("_What is slowing us down?_ (groups of 7)", texts);
        Assert.Contains("_What should we stop?_ (groups of 4)", texts);
    }

    [Fact]
    public void ReminderCard_ReadsTheSameForEveryoneAndNamesTheTeam()
    {
        var texts = string.Join(" ", VisibleStrings(Build("reminder")));

        Assert.Contains("Platform Team", texts, StringComparison.Ordinal);
        Assert.Contains("anonymous", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("haven't answered", texts, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("have not answered", texts, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("you didn't", texts, StringComparison.OrdinalIgnoreCase);
    }

    private static Digest Full()
    {
        var previous = CheckIn("ci-previous", PreviousOpensAt, 5, "ps-tough-issues");
        return DigestBuilder.Build(new DigestInputs
        {
            TeamKey = TestIds.TeamId,
            TeamLabel = "Platform Team",
            AsOf = Latest.ClosesAt,
            Catalog = StatementCatalog.Default,
            Latest = (Latest, Tally(("ps-tough-issues", [0, 0, 0, 0, 0, 5, 0]), ("trust-care", [0, 0, 0, 0, 0, 0, 6]))),
            Previous = (previous, Tally(("ps-tough-issues", [0, 0, 0, 0, 5, 0, 0]))),
            RosterSize = 8,
            Sessions = [new SessionNotes(Session("s-1", LatestOpensAt.AddDays(2)), new Tally(5, new Dictionary<string, int[]>()), ["Standups run long."])],
            Predictions = [new Prediction(TestIds.TenantId, TestIds.TeamId, LeaderUserId, 70, LatestOpensAt, MadeBeforeResults: true)],
        });
    }

    internal static JsonObject Build(string view) => view switch
    {
        "full" => DigestCard.Build(Full()),
        "below-k" => DigestCard.Build(Full() with { CheckIn = new DigestCheckIn(Latest.ClosesAt, 5, null), Perception = null }),
        "no-check-in" => DigestCard.Build(Full() with { CheckIn = null, Perception = null, Notes = [] }),
        "refused-value" => DigestCard.Build(Full(), PredictionActionHandler.InvalidValueMessage),
        "saved" => DigestCard.Saved(Full(), 64, PredictionStanding.BeforeResults),
        "saved-late" => DigestCard.Saved(Full(), 64, PredictionStanding.AfterResults),
        "saved-after-close" => DigestCard.Saved(Full(), 64, PredictionStanding.AfterClose),
        "late-prediction" => DigestCard.Build(Full() with { Perception = null, LatePrediction = true }),
        "changed-late" => DigestCard.Build(Full() with { LatePrediction = true }),
        "problem" => DigestCard.Problem("Only a leader of this team can make a prediction for it."),
        "reminder" => ReminderCard.Build("Platform Team", Latest.ClosesAt, 5),
        _ => throw new ArgumentOutOfRangeException(nameof(view)),
    };
}
