using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;

namespace TrustBot.Protocol.Tests.Connector.TeamsLimits;

public sealed class ConnectorRateLimitsTests
{
    [Fact]
    public void Teams_EveryPublishedWindow_IsPacedNoLooser()
    {
        var pairs = ConnectorRateLimits.Published.PerConversation.Zip(ConnectorRateLimits.Teams.PerConversation)
            .Concat(ConnectorRateLimits.Published.PerApp.Zip(ConnectorRateLimits.Teams.PerApp));

        Assert.All(pairs, p =>
        {
            Assert.Equal(p.First.Limit, p.Second.Limit);
            Assert.True(p.Second.Window > p.First.Window, $"{p.Second} is not longer than {p.First}");
        });
    }

    [Fact]
    public void Published_MatchesWhatTheStandInEnforcesForSends()
    {
        Assert.Equal(TeamsRateLimits.Teams.SendPerThread, ConnectorRateLimits.Published.PerConversation);
        Assert.Equal(TeamsRateLimits.Teams.PerApp, ConnectorRateLimits.Published.PerApp);
    }

    [Fact]
    public void Teams_BurstWindow_KeepsThroughputAboveNinetyPercentOfTheGlobalLimit()
    {
        var slowest = ConnectorRateLimits.Teams.PerApp.Min(w => w.Limit / w.Window.TotalSeconds);

        Assert.InRange(slowest, 45, 50);
    }
}
