using System.Net;
using System.Text.Json.Nodes;
using TrustBot.Testing.Auth;
using TrustBot.Testing.Connector;
using TrustBot.Testing.Storage;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Resilience;

/// <summary>
/// The real bot host on its own <see cref="RestartableAzurite"/>, with a loopback OpenID server and stub Connector,
/// recording the HTTP status of every activity it was sent.
/// </summary>
public sealed class OutageHost : IAsyncDisposable
{
    private readonly List<(string What, HttpStatusCode Status)> _answers = [];

    private OutageHost(RestartableAzurite azurite, TestTokenIssuer issuer, LoopbackOpenIdServer openId, StubConnector connector)
    {
        Azurite = azurite;
        Issuer = issuer;
        OpenId = openId;
        Connector = connector;
        Factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotHostFixture.AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "b1c2d3e4-0000-4000-8000-000000000001",
            ["MicrosoftAppPassword"] = "not-used-in-tests",
            ["BotFramework:OpenIdMetadataUrl"] = openId.MetadataUrl,
            ["BotFramework:AllowedServiceUrlHosts:0"] = "127.0.0.1",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Logging:LogLevel:Default"] = "Critical",
            ["Anonymity:Secret"] = "test-secret-0123456789-abcdefghijklmnop",
            // No in-memory shortcuts: every vote and count goes to storage, so the outage is met on every path.
            ["CheckIns:CacheDuration"] = "00:00:00",
            ["CheckIns:TallyCacheDuration"] = "00:00:00",
        });
        Factory.UseKestrel(0);
        Factory.StartServer();
        Client = Factory.CreateClient();
    }

    public RestartableAzurite Azurite { get; }

    public TestTokenIssuer Issuer { get; }

    public LoopbackOpenIdServer OpenId { get; }

    public StubConnector Connector { get; }

    public BotApplicationFactory Factory { get; }

    public HttpClient Client { get; }

    /// <summary>What each activity was (as the test named it) and the status the bot answered.</summary>
    public IReadOnlyList<(string What, HttpStatusCode Status)> Answers
    {
        get
        {
            lock (_answers)
            {
                return [.. _answers];
            }
        }
    }

    public static async Task<OutageHost> StartAsync()
    {
        var issuer = new TestTokenIssuer();
        RestartableAzurite? azurite = null;
        LoopbackOpenIdServer? openId = null;
        try
        {
            azurite = await RestartableAzurite.StartAsync();
            openId = await LoopbackOpenIdServer.StartAsync(issuer);
            return new OutageHost(azurite, issuer, openId, await StubConnector.StartAsync());
        }
        catch
        {
            if (openId is not null)
            {
                await openId.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            issuer.Dispose();
            throw;
        }
    }

    /// <summary>Sends an activity with a valid channel token and records the answer's status under <paramref name="what"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(string what, JsonObject activity)
    {
        var response = await BotHostFixture.PostRawAsync(Client, activity.ToJsonString(), Issuer.CreateToken(BotHostFixture.AppId, Connector.ServiceUrl));
        lock (_answers)
        {
            _answers.Add((what, response.StatusCode));
        }

        return response;
    }

    public async Task<HttpStatusCode> ReadinessAsync()
    {
        using var ready = await Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        return ready.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
        await Azurite.DisposeAsync();
        Issuer.Dispose();
    }
}
