using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Anonymity;

/// <summary>
/// On a first deploy App Service may hand the app the literal Key Vault reference instead of the secret. The host must
/// run, say "not ready", and never key a ballot with that predictable text.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class UnresolvedSecretTests(BotHostFixture host)
{
    private const string UnresolvedReference = "@Microsoft.KeyVault(VaultName=kv-trustbot-prod;SecretName=anonymity-secret)";

    [Fact]
    public async Task Host_WithUnresolvedKeyVaultReference_StartsNotReady_AndStoresNothing()
    {
        var logs = new LogCapture();
        var settings = host.Settings(BotHostFixture.AppId);
        settings["Anonymity:Secret"] = UnresolvedReference;
        await using var factory = new BotApplicationFactory(settings, configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Contains(logs.Messages, m => m.Contains("the anonymity secret is not configured or is an unresolved Key Vault reference", StringComparison.OrdinalIgnoreCase));

        // An install must come again later, so it gets a 503; nothing about it may be stored yet.
        using (var install = await PostAsync(client, teams.TeamInstall()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, install.StatusCode);
        }

        // A vote gets a friendly message in place of the card, and no ballot.
        var vote = teams.CardAction("checkin.vote", new JsonObject { ["checkInId"] = Guid.NewGuid().ToString("N"), ["q1"] = "5" });
        using (var answer = await PostAsync(client, vote))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            Assert.Equal(NotReadyViews.Reply, body["value"]!.GetValue<string>());
        }

        using (var message = await PostAsync(client, teams.PersonalMessage("checkin")))
        {
            Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        }

        var reply = await host.Connector.WaitForRequestAsync(
            r => r.Path == $"/v3/conversations/{teams.PersonalConversationId}/activities", TimeSpan.FromSeconds(10));
        Assert.Equal(NotReadyViews.Reply, reply.Body!["text"]!.GetValue<string>());
        Assert.Empty(await host.RowsForTenantAsync(teams.TenantId));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("kv-trustbot-prod", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject activity) =>
        BotHostFixture.PostRawAsync(client, activity.ToJsonString(), host.Issuer.CreateToken(BotHostFixture.AppId, host.ServiceUrl));
}
