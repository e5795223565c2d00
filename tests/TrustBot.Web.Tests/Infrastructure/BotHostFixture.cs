using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Testing.Auth;
using TrustBot.Testing.Connector;
using TrustBot.Testing.Storage;

namespace TrustBot.Web.Tests.Infrastructure;

/// <summary>
/// One Azurite, one loopback OpenID server, one stub Connector and one authenticated bot host per test collection.
/// Each test uses its own tenant id, so tests never see each other's rows.
/// </summary>
public sealed class BotHostFixture : IAsyncLifetime
{
    public const string AppId = "2f0a6b8e-5d1c-4a8e-9b3f-7c6d5e4f3a21";
    public const string BotId = "28:" + AppId;

    public AzuriteFixture Azurite { get; private set; } = null!;
    public TestTokenIssuer Issuer { get; } = new();
    public LoopbackOpenIdServer OpenId { get; private set; } = null!;
    public StubConnector Connector { get; private set; } = null!;
    public BotApplicationFactory Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string TablePrefix { get; } = "w" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteFixture.StartAsync();
        OpenId = await LoopbackOpenIdServer.StartAsync(Issuer);
        Connector = await StubConnector.StartAsync();
        Factory = new BotApplicationFactory(Settings(AppId));
        Factory.UseKestrel(0);
        Factory.StartServer();
        Client = Factory.CreateClient();
    }

    public Dictionary<string, string?> Settings(string appId) => new()
    {
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppTenantId"] = "b1c2d3e4-0000-4000-8000-000000000001",
        ["MicrosoftAppPassword"] = "not-used-in-tests",
        ["BotFramework:OpenIdMetadataUrl"] = OpenId.MetadataUrl,
        ["BotFramework:AllowedServiceUrlHosts:0"] = "127.0.0.1",
        ["Storage:ConnectionString"] = Azurite.ConnectionString,
        ["Storage:TablePrefix"] = TablePrefix,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Anonymity:Secret"] = "test-secret-0123456789-abcdefghijklmnop",
        // Folds every two seconds (the shortest that works: storage hides ballots for whole seconds), so a test waits
        // at most about three seconds for ballots to be counted.
        ["Ballots:FoldInterval"] = "00:00:02",
        ["Ballots:FoldDelay"] = "00:00:01.100",
        // Off here, because the session test closes a check-in behind the host's back; OpenCheckInCacheTests cover it.
        ["CheckIns:CacheDuration"] = "00:00:00",
        ["CheckIns:TallyCacheDuration"] = "00:00:00",
        // Fast, so that tests see due timetable work (check-ins and speak-up prompts closed, their salts destroyed) and
        // queued sends (a shared card refreshed after a fold) within a second.
        ["Delivery:PollInterval"] = "00:00:00.200",
        ["SpeakUp:MinDelay"] = "00:00:00",
        ["SpeakUp:MaxDelay"] = "00:00:00.500",
        ["SpeakUp:Intake:PollInterval"] = "00:00:00.100",
    };

    public string ServiceUrl => Connector.ServiceUrl;

    /// <summary>A host of the test's own on <paramref name="clock"/>, over tables of its own (a fresh prefix unless given).</summary>
    public BotApplicationFactory HostOnClock(TimeProvider clock, string? tablePrefix = null)
    {
        var settings = Settings(AppId);
        settings["Storage:TablePrefix"] = tablePrefix ?? AzuriteFixture.NewTablePrefix();
        return new BotApplicationFactory(settings, configureServices: services => services.AddSingleton(clock));
    }

    /// <summary>Posts an activity with a valid channel token whose serviceurl claim matches the activity.</summary>
    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? serviceUrlClaim = null)
    {
        var token = Issuer.CreateToken(AppId, serviceUrlClaim ?? activity["serviceUrl"]?.GetValue<string>() ?? ServiceUrl);
        return PostRawAsync(activity.ToJsonString(), token);
    }

    public Task<HttpResponseMessage> PostRawAsync(string body, string? token) => PostRawAsync(Client, body, token);

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    public TableClient Table(string name) => new TableServiceClient(Azurite.ConnectionString).GetTableClient(TablePrefix + name);

    /// <summary>Every entity in every table of this host whose PartitionKey is the tenant.</summary>
    /// <summary>
    /// Every row of the tenant in the host's tables but the tenant's send schedule, which the Connector's pacing writes
    /// for any post to the tenant (a reply included): one instant and an instance id, nothing about a team or a person.
    /// </summary>
    public async Task<List<TableEntity>> RowsForTenantAsync(string tenantId)
    {
        var rows = new List<TableEntity>();
        var service = new TableServiceClient(Azurite.ConnectionString);
        await foreach (var table in service.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {TablePrefix}")))
        {
            if (!table.Name.StartsWith(TablePrefix, StringComparison.Ordinal) || table.Name == TablePrefix + "SendBudgets")
            {
                continue;
            }

            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}")))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        if (OpenId is not null)
        {
            await OpenId.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        Issuer.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BotHostGroup : ICollectionFixture<BotHostFixture>
{
    public const string Name = "bot host";
}
