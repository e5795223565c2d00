using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Digests;
using static TrustBot.Core.Tests.Digests.DigestSamples;

namespace TrustBot.Core.Tests.Digests;

public sealed class PredictionTimingTests
{
    private static readonly DateTimeOffset Now = LatestOpensAt.AddHours(5);

    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly Mock<IBallotBox> _ballots = new();

    [Fact]
    public async Task StandingAsync_NoCheckInYet_BeforeResultsWithoutReadingATally()
    {
        Seed();

        Assert.Equal(PredictionStanding.BeforeResults, await StandingAsync());
        VerifyNoTallyRead();
    }

    [Fact]
    public async Task StandingAsync_OpenCheckInAtK_AfterResultsFromItsPublishedTally()
    {
        var open = CheckIn("ci-open", LatestOpensAt) with { Status = CheckInStatus.Open };
        Seed(open, CheckIn("ci-before", PreviousOpensAt));
        TallyOf("ci-open", 5);

        Assert.Equal(PredictionStanding.AfterResults, await StandingAsync());
    }

    [Fact]
    public async Task StandingAsync_OpenCheckInBelowK_BeforeResults()
    {
        Seed(CheckIn("ci-open", LatestOpensAt) with { Status = CheckInStatus.Open });
        TallyOf("ci-open", 4);

        Assert.Equal(PredictionStanding.BeforeResults, await StandingAsync());
    }

    [Fact]
    public async Task StandingAsync_NewestCheckInPastItsTime_BeforeResultsOfTheNextWithoutReadingATally()
    {
        Seed(CheckIn("ci-done", LatestOpensAt.AddDays(-4)));

        Assert.Equal(PredictionStanding.BeforeResults, await StandingAsync());
        VerifyNoTallyRead();
    }

    [Fact]
    public async Task StandingAsync_CheckInClosedBeforeItsTime_AfterClose()
    {
        Seed(CheckIn("ci-closed", LatestOpensAt));
        TallyOf("ci-closed", 0);

        Assert.Equal(PredictionStanding.AfterClose, await StandingAsync());
    }

    [Fact]
    public async Task StandingAsync_ANewerCheckInThatWasNeverPosted_IsSkippedLikeTheDigestSkipsIt()
    {
        // The launcher closes a check-in it could not post; nobody saw it, so it says nothing about what the leader saw.
        var unposted = CheckIn("ci-unposted", Now.AddMinutes(-1)) with { ActivityId = null };
        Seed(unposted, CheckIn("ci-done", LatestOpensAt.AddDays(-4)));

        Assert.Equal(PredictionStanding.BeforeResults, await StandingAsync());
        VerifyNoTallyRead();
    }

    private Task<PredictionStanding> StandingAsync() =>
        new PredictionTiming(_checkIns.Object, _ballots.Object).StandingAsync(Team(), Now, CancellationToken.None);

    private void Seed(params CheckIn[] newestFirst) =>
        _checkIns.Setup(c => c.ListForInstallationAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(() => Async(newestFirst));

    private void TallyOf(string checkInId, int people) =>
        _ballots.Setup(b => b.GetTallyAsync(TestIds.TenantId, checkInId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Tally(("ps-tough-issues", [0, 0, 0, 0, 0, people, 0]), ("trust-care", [0, 0, 0, 0, 0, 0, people])));

    private void VerifyNoTallyRead() =>
        _ballots.Verify(b => b.GetTallyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
}
