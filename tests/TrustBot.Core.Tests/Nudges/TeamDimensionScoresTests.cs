using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Nudges;

namespace TrustBot.Core.Tests.Nudges;

public sealed class TeamDimensionScoresTests
{
    private readonly NudgeWorld _world = new();

    [Fact]
    public async Task GetAsync_CheckInBelowThreshold_ContributesNothing()
    {
        _world.AddClosedCheckIn("ci-below", NudgeWorld.RiskWeakest(replies: 2));

        var scores = await _world.Scores().GetAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Empty(scores);
    }

    [Fact]
    public async Task GetAsync_AboveThreshold_ScoresEachDimensionWithItsAnswers()
    {
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 5));

        var scores = await _world.Scores().GetAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Equal(
            [new DimensionScore("mistakes", 100, 5), new DimensionScore("risk", 0, 5), new DimensionScore("tough-issues", 100, 5)],
            scores);
    }

    [Fact]
    public async Task GetAsync_BelowThresholdBesideAboveThreshold_OnlyTheAboveThresholdOneCounts()
    {
        _world.AddClosedCheckIn("ci-old", NudgeWorld.RiskWeakest(replies: 4));
        // The newer check-in says the opposite about risk, but only two people answered it.
        _world.AddClosedCheckIn("ci-new", NudgeWorld.ToughIssuesWeakest(replies: 2));

        var scores = await _world.Scores().GetAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Equal(0, scores.Single(s => s.Dimension == "risk").Score);
        Assert.Equal(4, scores.Single(s => s.Dimension == "risk").Answers);
        Assert.Equal(100, scores.Single(s => s.Dimension == "tough-issues").Score);
    }

    [Fact]
    public async Task GetAsync_TwoCheckIns_MeansScoresAndSumsAnswers()
    {
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 3));
        _world.AddClosedCheckIn("ci-2", NudgeWorld.ToughIssuesWeakest(replies: 5));

        var scores = await _world.Scores().GetAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Equal(new DimensionScore("risk", 50, 8), scores.Single(s => s.Dimension == "risk"));
        Assert.Equal(new DimensionScore("tough-issues", 50, 8), scores.Single(s => s.Dimension == "tough-issues"));
    }

    [Fact]
    public async Task GetAsync_OpenCheckIn_IsNotRead()
    {
        _world.AddClosedCheckIn("ci-open", NudgeWorld.RiskWeakest(replies: 9), CheckInStatus.Open);

        var scores = await _world.Scores().GetAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Empty(scores);
        _world.Ballots.Verify(b => b.GetTallyAsync(It.IsAny<string>(), "ci-open", It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task GetAsync_FiveClosedCheckIns_ReadsOnlyTheLatestFour()
    {
        _world.AddClosedCheckIn("ci-oldest", NudgeWorld.ToughIssuesWeakest(replies: 5));
        for (var i = 0; i < TeamDimensionScores.RecentCheckIns; i++)
        {
            _world.AddClosedCheckIn($"ci-{i}", NudgeWorld.RiskWeakest(replies: 5));
        }

        var scores = await _world.Scores().GetAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Equal(0, scores.Single(s => s.Dimension == "risk").Score);
        Assert.Equal(20, scores.Single(s => s.Dimension == "risk").Answers);
        _world.Ballots.Verify(b => b.GetTallyAsync(It.IsAny<string>(), "ci-oldest", It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task GetAsync_StatementAnsweredByFewerThanK_LeftOut()
    {
        _world.AddClosedCheckIn("ci-partial", new Tally(4, new Dictionary<string, int[]>
        {
            ["ps-risk"] = [2, 0, 0, 0, 0, 0, 0],
            ["ps-tough-issues"] = [0, 0, 0, 0, 0, 0, 4],
        }));

        var scores = await _world.Scores().GetAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Equal([new DimensionScore("tough-issues", 100, 4)], scores);
    }
}
