using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class TeamChannelsTests
{
    private const string TeamId = "19:team@thread.tacv2";

    [Fact]
    public async Task GetTeamChannelsAsync_TeamWithChannels_ReadsIdsAndNamesWithGeneralUnnamed()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.SetChannels(TeamId, [(TeamId, null), ("19:rituals@thread.tacv2", "Rituals")]);

        var result = await harness.Client.GetTeamChannelsAsync(harness.ServiceUrl, ConnectorHarness.TenantId, TeamId);

        Assert.Equal(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal([TeamId, "19:rituals@thread.tacv2"], result.Value!.Conversations.Select(c => c.Id));
        Assert.Equal([null, "Rituals"], result.Value.Conversations.Select(c => c.Name));
        var request = Assert.Single(harness.Stub.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v3/teams/19%3Ateam%40thread.tacv2/conversations", request.RawTarget);
    }

    [Fact]
    public async Task GetTeamChannelsAsync_ConnectorRefuses_ReportsTheFailureWithoutAValue()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.EnqueueResponse(403);

        var result = await harness.Client.GetTeamChannelsAsync(harness.ServiceUrl, ConnectorHarness.TenantId, TeamId);

        Assert.NotEqual(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal(403, result.StatusCode);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task GetTeamChannelsAsync_NoTeamId_IsRefusedWithoutACall()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var result = await harness.Client.GetTeamChannelsAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "");

        Assert.Equal(ConnectorOutcome.Failed, result.Outcome);
        Assert.Empty(harness.Stub.Requests);
    }
}
