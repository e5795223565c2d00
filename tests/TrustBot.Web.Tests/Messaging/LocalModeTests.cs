using System.Net;
using TrustBot.Testing.Storage;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Messaging;

/// <summary>Local mode (no app id) is what the Agents Playground needs; it must stay loopback-only and run only in Development.</summary>
[Collection(BotHostGroup.Name)]
public sealed class LocalModeTests(BotHostFixture host)
{
    [Fact]
    public async Task LocalMode_AcceptsUnauthenticatedLoopbackActivity_AndCallsConnectorWithoutToken()
    {
        var settings = host.Settings(appId: string.Empty);
        settings["BotFramework:AllowedServiceUrlHosts:0"] = null;
        // Its own outbox: the reply is queued, and the shared host's worker would send it with that host's token.
        settings["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix();
        await using var factory = new BotApplicationFactory(settings, environment: "Development", fixedOutboundToken: false);
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());

        using var response = await BotHostFixture.PostRawAsync(client, teams.PersonalMessage("help").ToJsonString(), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForRequestAsync(
            r => r.Path == $"/v3/conversations/{teams.PersonalConversationId}/activities", TimeSpan.FromSeconds(10));
        Assert.False(reply.Headers.ContainsKey("Authorization"));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    [InlineData("contoso-preview")]
    public void LocalMode_OutsideDevelopment_RefusesToStart(string environment)
    {
        var settings = host.Settings(appId: string.Empty);
        using var factory = new BotApplicationFactory(settings, environment: environment, fixedOutboundToken: false);
        factory.UseKestrel(0);

        var error = Assert.ThrowsAny<Exception>(factory.StartServer);

        Assert.Contains("MicrosoftAppId is empty", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"'{environment}'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalMode_InDevelopment_StillRefusesRemoteCallers()
    {
        var settings = host.Settings(appId: string.Empty);
        settings["BotFramework:AllowedServiceUrlHosts:0"] = null;
        await using var factory = new BotApplicationFactory(settings, environment: "Development", fixedOutboundToken: false);
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());

        // The in-memory test server reports no remote address, which is exactly a caller that is not provably loopback.
        using var client = factory.CreateClient();
        using var response = await BotHostFixture.PostRawAsync(client, teams.PersonalMessage("help").ToJsonString(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
