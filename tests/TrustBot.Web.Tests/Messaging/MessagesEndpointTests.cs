using System.Net;
using System.Text.Json.Nodes;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Messaging;

/// <summary>The HTTP contract of /api/messages, pinned at the wire so it survives a later SDK swap.</summary>
[Collection(BotHostGroup.Name)]
public sealed class MessagesEndpointTests(BotHostFixture host)
{
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    public async Task NonPost_Returns405WithAllowHeader(string method)
    {
        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/messages"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Post_WithoutToken_Returns401AndChangesNothing()
    {
        using var response = await host.PostRawAsync(_teams.TeamInstall().ToJsonString(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Post_WithTokenForAnotherAudience_Returns401()
    {
        var token = host.Issuer.CreateToken(Guid.NewGuid().ToString(), host.ServiceUrl);

        using var response = await host.PostRawAsync(_teams.TeamInstall().ToJsonString(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\": 42}")]
    [InlineData("{\"serviceUrl\": \"x\"}")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Post_InvalidActivity_Returns400(string body)
    {
        using var response = await host.PostRawAsync(body, host.Issuer.CreateToken(BotHostFixture.AppId, host.ServiceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_OverSizeCap_Returns413()
    {
        var activity = _teams.PersonalMessage(new string('x', 300 * 1024));

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_ServiceUrlClaimMismatch_Returns403AndChangesNothing()
    {
        using var response = await host.PostAsync(_teams.TeamInstall(), serviceUrlClaim: "https://smba.trafficmanager.net/amer/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Post_ServiceUrlHostNotAllowed_Returns400AndNeverCallsIt()
    {
        var activity = _teams.TeamInstall();
        activity["serviceUrl"] = "https://attacker.example.net/";

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(host.Factory.Outbound.Uris, u => u.Host == "attacker.example.net");
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Post_FieldBeyondItsLimit_Returns400NamingTheFieldAndChangesNothing()
    {
        var activity = _teams.TeamInstall();
        activity["channelData"]!["team"]!["name"] = new string('x', 100_000);

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("BadRequest", error["code"]!.GetValue<string>());
        Assert.Equal("channelData.team.name is longer than 256 characters.", error["message"]!.GetValue<string>());
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Post_UnknownActivityType_Returns200()
    {
        var activity = _teams.PersonalMessage("hi");
        activity["type"] = "somethingNew";

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_CardActionInvoke_IsAnsweredSynchronouslyWithInvokeBody()
    {
        using var response = await host.PostAsync(_teams.CardAction("unknownVerb"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.NotNull(body["type"]);
    }

    [Fact]
    public async Task Post_UnknownInvokeName_IsRefusedWithoutServerError()
    {
        var activity = _teams.CardAction("x");
        activity["name"] = "composeExtension/query";

        using var response = await host.PostAsync(activity);

        Assert.True((int)response.StatusCode < 500, response.StatusCode.ToString());
    }

    [Fact]
    public async Task Healthz_IsAlive_AndReadyz_AnswersWithTheStatusAlone()
    {
        using var alive = await host.Client.GetAsync("/healthz");
        using var ready = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // Anyone can call /readyz: no check names, endpoints, counts or exception text.
        Assert.Equal("""{"status":"Healthy"}""", await ready.Content.ReadAsStringAsync());
    }

    private async Task AssertNothingHappenedAsync()
    {
        Assert.Empty(await host.RowsForTenantAsync(_teams.TenantId));
        Assert.DoesNotContain(host.Connector.Requests, r => r.Path.Contains(_teams.SelectedChannelId, StringComparison.Ordinal));
    }
}
