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
    public void Teams_AppWindows_KeepThroughputWithinTwoPercentOfTheGlobalLimit()
    {
        // A 500-nudge fan-out has 5% over its 20 s minimum in all; pacing may take no more than 2% of it.
        var slowest = ConnectorRateLimits.Teams.PerApp.Min(w => w.Limit / w.Window.TotalSeconds);

        Assert.InRange(slowest, 49, 50);
    }

    [Fact]
    public void Teams_PerConversationWindows_KeepTheWiderMargin()
    {
        // One conversation's sends are few, so its windows can afford the wide margin against arrival jitter.
        Assert.All(
            ConnectorRateLimits.Published.PerConversation.Zip(ConnectorRateLimits.Teams.PerConversation),
            p => Assert.Equal(TimeSpan.FromMilliseconds(50), p.Second.Window - p.First.Window));
    }
}
