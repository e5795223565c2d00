using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Digests;
using TrustBot.Core.Questions;
using static TrustBot.Core.Tests.Digests.DigestSamples;

namespace TrustBot.Core.Tests.Digests;

public sealed class DigestBuilderTests
{
    private static readonly CheckIn Latest = CheckIn("ci-latest", LatestOpensAt);
    private static readonly CheckIn Previous = CheckIn("ci-previous", PreviousOpensAt, 5, "ps-tough-issues", "ps-risk");

    // 6 everywhere (score 83.3) for 5 people, and 7 (score 100) for 6 people.
    private static readonly Tally LatestTally = Tally(("ps-tough-issues", [0, 0, 0, 0, 0, 5, 0]), ("trust-care", [0, 0, 0, 0, 0, 0, 6]));

    // 5 everywhere (66.7) and 4 everywhere (50).
    private static readonly Tally PreviousTally = Tally(("ps-tough-issues", [0, 0, 0, 0, 5, 0, 0]), ("ps-risk", [0, 0, 0, 5, 0, 0, 0]));

    [Fact]
    public void Build_BelowThreshold_CardJsonHoldsNoNumberDerivedFromAnswers()
    {
        // Four people: 4 replies, 57% of seven, scores of 75 — none of it may show.
        var fourPeople = Tally(("ps-tough-issues", [0, 0, 0, 1, 1, 1, 1]), ("trust-care", [0, 0, 0, 1, 1, 1, 1]));
        var inputs = Inputs(Latest, fourPeople) with
        {
            RosterSize = 7,
            Predictions = [PredictionAt(Latest.OpensAt, 64)],
        };

        var digest = DigestBuilder.Build(inputs);
        var card = DigestCard.Build(digest);

        Assert.NotNull(digest.CheckIn);
        Assert.Null(digest.CheckIn.Results);
        Assert.Null(digest.Perception);
        var numbers = Numbers(card);
        Assert.Contains("5", numbers);
        Assert.All(numbers, n => Assert.Contains(n, new[] { "5", "0", "100" }));
        Assert.Contains(Cards.CardInspection.Texts(card), t => t.Contains("Fewer than 5 people answered", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_AtThreshold_ParticipationScoresAnswersAndTrendAgainstThePreviousCheckIn()
    {
        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with { Previous = (Previous, PreviousTally), RosterSize = 8 });

        var results = Assert.IsType<DigestResults>(digest.CheckIn?.Results);
        Assert.Equal(6, results.Replies);
        Assert.Equal(75, results.ParticipationPercent);
        Assert.Equal(["tough-issues", "care"], results.Dimensions.Select(d => d.Dimension));
        var toughIssues = results.Dimensions[0];
        Assert.Equal("Raising tough issues", toughIssues.Label);
        Assert.Equal(500.0 / 6, toughIssues.Score, 6);
        Assert.Equal(5, toughIssues.Answers);
        Assert.Equal((500.0 / 6) - (400.0 / 6), toughIssues.Change!.Value, 6);
        var care = results.Dimensions[1];
        Assert.Equal(100, care.Score, 6);
        Assert.Equal(6, care.Answers);
        Assert.Null(care.Change);
        Assert.Equal(Instrument.PsychologicalSafetyIndex, results.Safety!.Index);
        Assert.Equal((500.0 / 6) - (((400.0 / 6) + 50) / 2), results.Safety.Change!.Value, 6);
        Assert.Equal(100, results.Trust!.Score, 6);
        Assert.Null(results.Trust.Change);
    }

    [Fact]
    public void Build_PreviousBelowThreshold_ShowsNoTrend()
    {
        var fourPeople = Tally(("ps-tough-issues", [0, 0, 0, 0, 4, 0, 0]));

        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with { Previous = (Previous, fourPeople) });

        var results = digest.CheckIn!.Results!;
        Assert.All(results.Dimensions, d => Assert.Null(d.Change));
        Assert.Null(results.Safety!.Change);
    }

    [Fact]
    public void Build_StatementBelowThresholdInAPassingCheckIn_IsLeftOut()
    {
        var partial = Tally(("ps-tough-issues", [0, 0, 0, 0, 0, 5, 0]), ("trust-care", [0, 0, 0, 0, 0, 0, 2]));

        var digest = DigestBuilder.Build(Inputs(Latest, partial));

        Assert.Equal(["tough-issues"], digest.CheckIn!.Results!.Dimensions.Select(d => d.Dimension));
        Assert.Null(digest.CheckIn.Results.Trust);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(7 * 24 * 3600 - 1, true)]
    [InlineData(7 * 24 * 3600, false)]
    public void Build_Prediction_ShownBesideActualOnlyWhenMadeBeforeTheseResultsAndAfterTheLast(int secondsAfterPreviousClosed, bool shown)
    {
        var madeAt = Previous.ClosesAt.AddSeconds(secondsAfterPreviousClosed);

        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with
        {
            Previous = (Previous, PreviousTally),
            Predictions = [PredictionAt(madeAt, 70)],
        });

        if (shown)
        {
            Assert.Equal(new PerceptionGap(Instrument.PsychologicalSafetyIndex, 70, digest.CheckIn!.Results!.Safety!.Score), digest.Perception);
            var facts = Cards.CardInspection.Elements(DigestCard.Build(digest), "FactSet").Last()["facts"]!.AsArray();
            Assert.Equal(["70", "83"], facts.Select(f => (string?)f!["value"]));
        }
        else
        {
            Assert.Null(digest.Perception);
        }
    }

    [Fact]
    public void Build_CheckInWithoutSafetyStatements_ComparesThePredictionWithTrust()
    {
        var trustOnly = CheckIn("ci-trust", LatestOpensAt, 5, "trust-care");

        var digest = DigestBuilder.Build(Inputs(trustOnly, LatestTally) with { Predictions = [PredictionAt(trustOnly.OpensAt, 40)] });

        Assert.Equal(new PerceptionGap(Instrument.TrustIndex, 40, 100), digest.Perception);
    }

    [Fact]
    public void Build_OnlyAPredictionMadeAfterResultsWereVisible_IsNotComparedAndTheCardSaysWhy()
    {
        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with
        {
            Predictions = [PredictionAt(Latest.OpensAt.AddDays(1), 83, madeBeforeResults: false)],
        });

        Assert.Null(digest.Perception);
        Assert.True(digest.LatePrediction);
        var card = DigestCard.Build(digest);
        Assert.Contains(DigestCard.LatePredictionNote, Cards.CardInspection.Texts(card));
        Assert.DoesNotContain("You predicted", Cards.CardInspection.VisibleStrings(card));
    }

    [Fact]
    public void Build_AGuessChangedAfterResultsWereVisible_ComparesTheOneMadeBefore()
    {
        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with
        {
            // Oldest first, to show the builder orders them itself.
            Predictions =
            [
                PredictionAt(Latest.OpensAt.AddHours(-2), 40, madeBeforeResults: true),
                PredictionAt(Latest.OpensAt.AddHours(1), 60, madeBeforeResults: true),
                PredictionAt(Latest.OpensAt.AddDays(1), 83, madeBeforeResults: false),
            ],
        });

        Assert.Equal(new PerceptionGap(Instrument.PsychologicalSafetyIndex, 60, digest.CheckIn!.Results!.Safety!.Score), digest.Perception);
        Assert.True(digest.LatePrediction);
        var texts = Cards.CardInspection.Texts(DigestCard.Build(digest)).ToList();
        Assert.Contains(texts, t => t.Contains("You changed your guess after results were visible", StringComparison.Ordinal));
        Assert.DoesNotContain(DigestCard.LatePredictionNote, texts);
    }

    [Fact]
    public void Build_PredictionMadeBeforeResults_IsComparedWithoutANoteAboutLateGuesses()
    {
        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with
        {
            Predictions = [PredictionAt(Latest.OpensAt.AddDays(1), 70, madeBeforeResults: true)],
        });

        Assert.Equal(70, digest.Perception?.Predicted);
        Assert.False(digest.LatePrediction);
        Assert.DoesNotContain(Cards.CardInspection.Texts(DigestCard.Build(digest)), t => t.Contains("after results were visible", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_LatePredictionButNoResults_SaysNothingAboutIt()
    {
        var fourPeople = Tally(("ps-tough-issues", [0, 0, 0, 4, 0, 0, 0]));

        var digest = DigestBuilder.Build(Inputs(Latest, fourPeople) with
        {
            Predictions = [PredictionAt(Latest.OpensAt.AddDays(1), 70, madeBeforeResults: false)],
        });

        Assert.Null(digest.Perception);
        Assert.False(digest.LatePrediction);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(3600, false)]
    public void Build_PredictionStoredBeforeItsStandingWasRecorded_CountsOnlyWhenMadeBeforeTheCheckInOpened(int secondsAfterOpening, bool compared)
    {
        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with
        {
            Predictions = [PredictionAt(Latest.OpensAt.AddSeconds(secondsAfterOpening), 70, madeBeforeResults: null)],
        });

        Assert.Equal(compared, digest.Perception is not null);
        // Whether it came after results is unknown, so the card does not claim it did.
        Assert.False(digest.LatePrediction);
    }

    [Fact]
    public void Build_Notes_OnlyFromPromptsThatAtLeastKPeopleAnswered_TrimmedAndWithoutBlanks()
    {
        var closed = LatestOpensAt.AddDays(2);
        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with
        {
            Sessions =
            [
                new SessionNotes(Session("s-few", closed), new Tally(4, new Dictionary<string, int[]>()), ["Only four of us saw this."]),
                new SessionNotes(Session("s-enough", closed), new Tally(5, new Dictionary<string, int[]>()), ["  Standups run long. ", " ", "More pairing, please."]),
            ],
        });

        var group = Assert.Single(digest.Notes);
        Assert.Equal(["Standups run long.", "More pairing, please."], group.Notes);
        Assert.DoesNotContain(Cards.CardInspection.VisibleStrings(DigestCard.Build(digest)), s => s.Contains("Only four", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, null)]
    [InlineData(3, 100)]
    [InlineData(9, 67)]
    public void Build_RosterSize_GivesTheRateOrNone(int? rosterSize, int? expected)
    {
        var digest = DigestBuilder.Build(Inputs(Latest, LatestTally) with { RosterSize = rosterSize });

        Assert.Equal(expected, digest.CheckIn!.Results!.ParticipationPercent);
    }

    [Fact]
    public void Build_NoClosedCheckIn_HasNoCheckInButKeepsTheNotes()
    {
        var closed = LatestOpensAt.AddDays(2);
        var digest = DigestBuilder.Build(new DigestInputs
        {
            TeamKey = TestIds.TeamId,
            TeamLabel = "Platform Team",
            AsOf = LatestOpensAt.AddDays(3),
            Catalog = StatementCatalog.Default,
            Sessions = [new SessionNotes(Session("s-1", closed), new Tally(6, new Dictionary<string, int[]>()), ["Hello."])],
            Predictions = [PredictionAt(LatestOpensAt, 50)],
        });

        Assert.Null(digest.CheckIn);
        Assert.Null(digest.Perception);
        Assert.Single(digest.Notes);
    }

    private static DigestInputs Inputs(CheckIn latest, Tally tally) => new()
    {
        TeamKey = TestIds.TeamId,
        TeamLabel = "Platform Team",
        AsOf = latest.ClosesAt,
        Catalog = StatementCatalog.Default,
        Latest = (latest, tally),
    };

    private static Prediction PredictionAt(DateTimeOffset madeAt, int value, bool? madeBeforeResults = true) =>
        new(TestIds.TenantId, TestIds.TeamId, LeaderUserId, value, madeAt, madeBeforeResults);
}
