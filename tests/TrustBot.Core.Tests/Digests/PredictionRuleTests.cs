using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Digests;
using TrustBot.Core.Questions;
using static TrustBot.Core.Tests.Digests.DigestSamples;

namespace TrustBot.Core.Tests.Digests;

public sealed class PredictionRuleTests
{
    private static readonly CheckIn Open = CheckIn("ci-open", LatestOpensAt) with { Status = CheckInStatus.Open };

    [Theory]
    [InlineData(5, 4, PredictionStanding.BeforeResults)]
    [InlineData(5, 5, PredictionStanding.AfterResults)]
    [InlineData(3, 2, PredictionStanding.BeforeResults)]
    [InlineData(3, 3, PredictionStanding.AfterResults)]
    [InlineData(1, 2, PredictionStanding.BeforeResults)] // a configured k below 3 is held to 3
    [InlineData(1, 3, PredictionStanding.AfterResults)]
    public void Standing_OpenCheckIn_AfterResultsExactlyWhenItsTallyReachesItsThreshold(int threshold, int replies, PredictionStanding expected)
    {
        var checkIn = Open with { Threshold = threshold };

        var standing = PredictionRule.Standing(checkIn, Replies(replies), StatementCatalog.Default, checkIn.OpensAt.AddHours(1));

        Assert.Equal(expected, standing);
    }

    [Fact]
    public void Standing_CheckInClosedBeforeItsTime_AfterCloseWhateverItsTally()
    {
        var closedEarly = Open with { Status = CheckInStatus.Closed };

        Assert.Equal(PredictionStanding.AfterClose, PredictionRule.Standing(closedEarly, Replies(0), StatementCatalog.Default, Open.OpensAt.AddHours(1)));
    }

    [Fact]
    public void Standing_OnceTheCheckInsTimeIsUp_BeforeResultsOfTheNextOne()
    {
        var closed = Open with { Status = CheckInStatus.Closed };

        Assert.Equal(PredictionStanding.BeforeResults, PredictionRule.Standing(closed, Replies(9), StatementCatalog.Default, Open.ClosesAt));
        Assert.Equal(PredictionStanding.BeforeResults, PredictionRule.Standing(Open, Replies(9), StatementCatalog.Default, Open.ClosesAt));
        Assert.Equal(PredictionStanding.AfterResults, PredictionRule.Standing(Open, Replies(9), StatementCatalog.Default, Open.ClosesAt.AddTicks(-1)));
    }

    [Fact]
    public void Standing_BeforeTheCheckInOpened_BeforeResults()
    {
        Assert.Equal(PredictionStanding.BeforeResults, PredictionRule.Standing(Open, Replies(9), StatementCatalog.Default, Open.OpensAt.AddTicks(-1)));
    }

    [Theory]
    [InlineData(true, 3600, true)]
    [InlineData(false, -3600, false)]
    [InlineData(null, -1, true)]
    [InlineData(null, 0, false)]
    [InlineData(null, 3600, false)]
    public void Counts_TheStoredStanding_OrForOlderRowsOnlyAGuessMadeBeforeTheCheckInOpened(bool? madeBeforeResults, int secondsAfterOpening, bool expected)
    {
        var prediction = new Prediction(TestIds.TenantId, TestIds.TeamId, LeaderUserId, 70, Open.OpensAt.AddSeconds(secondsAfterOpening), madeBeforeResults);

        Assert.Equal(expected, PredictionRule.Counts(prediction, Open));
    }

    private static Tally Replies(int people) =>
        new(people, new Dictionary<string, int[]> { ["ps-tough-issues"] = [0, 0, 0, 0, 0, people, 0] });
}
