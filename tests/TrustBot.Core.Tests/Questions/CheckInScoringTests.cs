using TrustBot.Core.Anonymity;
using TrustBot.Core.Questions;

namespace TrustBot.Core.Tests.Questions;

public sealed class CheckInScoringTests
{
    private const double Precision = 1e-9;

    private static readonly Statement Risk = Instrument.Default.Find("ps-risk")!;
    private static readonly Statement Mistakes = Instrument.Default.Find("ps-mistakes")!;
    private static readonly Statement Care = Instrument.Default.Find("trust-care")!;
    private static readonly Statement CareAgain = new("custom-care-2", Instrument.TrustIndex, "care", false, "Care 2", "They ask how I am.");

    [Fact]
    public void StatementScore_Forward_IsMeanMinusOneOverSixTimesHundred()
    {
        // answers 5, 5, 6, 6, 7: mean 5.8 → 4.8 / 6 × 100 = 80
        Assert.Equal(80, CheckInScoring.StatementScore(Risk, [0, 0, 0, 0, 2, 2, 1]), Precision);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 5 }, 100)]
    [InlineData(new[] { 5, 0, 0, 0, 0, 0, 0 }, 0)]
    [InlineData(new[] { 0, 0, 0, 3, 0, 0, 0 }, 50)]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1 }, 50)]
    public void StatementScore_ForwardExtremes(int[] counts, double expected)
    {
        Assert.Equal(expected, CheckInScoring.StatementScore(Risk, counts), Precision);
    }

    [Fact]
    public void StatementScore_ReverseAllSeven_IsZero()
    {
        Assert.Equal(0, CheckInScoring.StatementScore(Mistakes, [0, 0, 0, 0, 0, 0, 6]), Precision);
    }

    [Fact]
    public void StatementScore_ReverseAllOne_IsHundred()
    {
        Assert.Equal(100, CheckInScoring.StatementScore(Mistakes, [4, 0, 0, 0, 0, 0, 0]), Precision);
    }

    [Fact]
    public void StatementScore_ReverseMixed_CountsEightMinusX()
    {
        // answers 1, 7, 7, 7, 7 → counted 7, 1, 1, 1, 1: mean 2.2 → 1.2 / 6 × 100 = 20
        Assert.Equal(20, CheckInScoring.StatementScore(Mistakes, [1, 0, 0, 0, 0, 0, 4]), Precision);
    }

    [Fact]
    public void StatementScore_NoAnswers_Throws()
    {
        Assert.Throws<ArgumentException>(() => CheckInScoring.StatementScore(Risk, [0, 0, 0, 0, 0, 0, 0]));
    }

    [Fact]
    public void StatementScore_FewerCountsThanPoints_AreTheLowerAnswers()
    {
        // Storage holds no counters past the highest answer a row was given: [0, 0, 3] is three answers of 3.
        Assert.Equal(CheckInScoring.StatementScore(Risk, [0, 0, 3, 0, 0, 0, 0]), CheckInScoring.StatementScore(Risk, [0, 0, 3]), Precision);
    }

    [Theory]
    [InlineData(new[] { 1, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new[] { 2, -1, 0, 0, 0, 0, 0 })]
    public void StatementScore_MalformedCounts_Throws(int[] counts)
    {
        Assert.Throws<ArgumentException>(() => CheckInScoring.StatementScore(Risk, counts));
    }

    [Fact]
    public void Results_AtThreshold_ScoresStatementsDimensionsAndIndices()
    {
        var tally = new Tally(5, new Dictionary<string, int[]>
        {
            [Risk.Id] = [0, 0, 0, 0, 2, 2, 1],      // 80
            [Mistakes.Id] = [1, 0, 0, 0, 0, 0, 4],  // reverse: 20
            [Care.Id] = [0, 0, 0, 0, 0, 5, 0],      // 6 → 83.33…
        });

        var results = CheckInScoring.Results(tally, [Risk, Mistakes, Care], threshold: 5);

        Assert.NotNull(results);
        Assert.Equal(5, results.Replies);
        Assert.Equal([Risk.Id, Mistakes.Id, Care.Id], results.Statements.Select(r => r.Statement.Id));
        Assert.Equal([80, 20, 500.0 / 6], results.Statements.Select(r => Math.Round(r.Score, 9)), new RoundedComparer());
        Assert.All(results.Statements, r => Assert.Equal(5, r.Answers));
        Assert.Equal(80, results.Dimensions["risk"], Precision);
        Assert.Equal(20, results.Dimensions["mistakes"], Precision);
        Assert.Equal(500.0 / 6, results.Dimensions["care"], Precision);
        Assert.Equal(50, results.SafetyIndex!.Value, Precision);
        Assert.Equal(500.0 / 6, results.TrustIndex!.Value, Precision);
    }

    [Fact]
    public void Results_Distribution_IsAsGivenNotReversed()
    {
        var tally = new Tally(6, new Dictionary<string, int[]> { [Mistakes.Id] = [0, 0, 0, 0, 0, 1, 5] });

        var result = Assert.Single(CheckInScoring.Results(tally, [Mistakes], 5)!.Statements);

        Assert.Equal([0, 0, 0, 0, 0, 1, 5], result.Distribution);
        Assert.Equal(6, result.Answers);
    }

    [Fact]
    public void Results_Distribution_IsACopyOfTheTally()
    {
        int[] counts = [0, 0, 0, 5, 0, 0, 0];
        var tally = new Tally(5, new Dictionary<string, int[]> { [Risk.Id] = counts });
        var result = Assert.Single(CheckInScoring.Results(tally, [Risk], 5)!.Statements);

        counts[3] = 99;

        Assert.Equal(5, result.Distribution[3]);
    }

    [Fact]
    public void Results_DimensionWithTwoStatements_IsTheirMean()
    {
        var tally = new Tally(5, new Dictionary<string, int[]>
        {
            [Care.Id] = [0, 0, 0, 5, 0, 0, 0],       // 50
            [CareAgain.Id] = [0, 0, 0, 0, 0, 0, 5],  // 100
        });

        var results = CheckInScoring.Results(tally, [Care, CareAgain], 5)!;

        Assert.Equal(75, results.Dimensions["care"], Precision);
        Assert.Single(results.Dimensions);
        Assert.Equal(75, results.TrustIndex!.Value, Precision);
        Assert.Null(results.SafetyIndex);
    }

    [Fact]
    public void Results_IndexIsMeanOfDimensionsNotOfStatements()
    {
        var tally = new Tally(5, new Dictionary<string, int[]>
        {
            [Care.Id] = [0, 0, 0, 5, 0, 0, 0],                  // care: (50 + 100) / 2 = 75
            [CareAgain.Id] = [0, 0, 0, 0, 0, 0, 5],
            ["trust-competence"] = [5, 0, 0, 0, 0, 0, 0],        // competence: 0
        });
        var competence = Instrument.Default.Find("trust-competence")!;

        var results = CheckInScoring.Results(tally, [Care, CareAgain, competence], 5)!;

        // mean of dimensions (75, 0) = 37.5, not of statements (50, 100, 0) = 50
        Assert.Equal(37.5, results.TrustIndex!.Value, Precision);
    }

    [Fact]
    public void Results_CustomIndex_CountsInNeitherBuiltInIndex()
    {
        var focus = new Statement("custom-focus", "team", "focus", false, "Focus", "We know what matters.");
        var tally = new Tally(3, new Dictionary<string, int[]> { [focus.Id] = [0, 0, 0, 0, 0, 0, 3] });

        var results = CheckInScoring.Results(tally, [focus], 3)!;

        Assert.Equal(100, results.Dimensions["focus"], Precision);
        Assert.Null(results.SafetyIndex);
        Assert.Null(results.TrustIndex);
    }

    [Theory]
    [InlineData(5, 4, false)]
    [InlineData(5, 5, true)]
    [InlineData(7, 6, false)]
    [InlineData(7, 7, true)]
    [InlineData(3, 2, false)]
    [InlineData(3, 3, true)]
    public void Results_Gate_NullBelowThresholdAndResultsAtIt(int threshold, int replies, bool shown)
    {
        var tally = new Tally(replies, new Dictionary<string, int[]> { [Risk.Id] = [0, 0, 0, replies, 0, 0, 0] });

        var results = CheckInScoring.Results(tally, [Risk], threshold);

        Assert.Equal(shown, results is not null);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-4)]
    public void Results_ThresholdBelowThree_IsTreatedAsThree(int threshold)
    {
        Tally Make(int replies) => new(replies, new Dictionary<string, int[]> { [Risk.Id] = [replies, 0, 0, 0, 0, 0, 0] });

        Assert.Null(CheckInScoring.Results(Make(2), [Risk], threshold));
        Assert.Null(CheckInScoring.Results(Make(1), [Risk], threshold));
        Assert.NotNull(CheckInScoring.Results(Make(3), [Risk], threshold));
    }

    [Fact]
    public void Results_StatementAnsweredByFewerThanThreshold_IsLeftOut()
    {
        // Five people replied, but only one answered "mistakes": showing it would show that person's answer.
        var tally = new Tally(5, new Dictionary<string, int[]>
        {
            [Risk.Id] = [0, 0, 0, 5, 0, 0, 0],
            [Mistakes.Id] = [0, 0, 0, 0, 0, 0, 1],
        });

        var results = CheckInScoring.Results(tally, [Risk, Mistakes], 5)!;

        Assert.Equal([Risk.Id], results.Statements.Select(r => r.Statement.Id));
        Assert.False(results.Dimensions.ContainsKey("mistakes"));
        Assert.Equal(50, results.SafetyIndex!.Value, Precision);
    }

    [Fact]
    public void Results_StatementWithoutCounts_IsLeftOutAndIndicesAreNull()
    {
        var results = CheckInScoring.Results(new Tally(5, new Dictionary<string, int[]>()), [Risk, Care], 5)!;

        Assert.Empty(results.Statements);
        Assert.Empty(results.Dimensions);
        Assert.Null(results.SafetyIndex);
        Assert.Null(results.TrustIndex);
    }

    [Fact]
    public void Results_EmptyTally_IsNull()
    {
        Assert.Null(CheckInScoring.Results(Tally.Empty, [Risk], 5));
    }

    [Fact]
    public void Results_MalformedCounts_Throws()
    {
        var tally = new Tally(5, new Dictionary<string, int[]> { [Risk.Id] = [5, 0, 0, 0, 0, 0, 0, 1] });

        Assert.Throws<ArgumentException>(() => CheckInScoring.Results(tally, [Risk], 5));
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(double obj) => 0;
    }
}
