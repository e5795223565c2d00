using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Protocol.Connector;
using TrustBot.Testing;
using TrustBot.Testing.Auth;
using TrustBot.Testing.Connector;
using TrustBot.Testing.Storage;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// The real bot host on Kestrel (loopback) with real JWT validation against a loopback OpenID document, real Azurite
/// storage and a loopback stub Connector. Shared by every scenario of a run.
/// </summary>
internal sealed class BenchmarkEnvironment : IAsyncDisposable
{
    public const string AppId = "7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";

    private BenchmarkEnvironment(AzuriteFixture azurite, TestTokenIssuer issuer, LoopbackOpenIdServer openId, StubConnector connector, BotHost host)
    {
        Azurite = azurite;
        Issuer = issuer;
        OpenId = openId;
        Connector = connector;
        Host = host;
    }

    public AzuriteFixture Azurite { get; }
    public TestTokenIssuer Issuer { get; }
    public LoopbackOpenIdServer OpenId { get; }
    public StubConnector Connector { get; }
    public BotHost Host { get; }
    public required string TablePrefix { get; init; }

    public static async Task<BenchmarkEnvironment> StartAsync()
    {
        Console.WriteLine("Starting Azurite, a loopback OpenID server, a stub Connector and the bot host...");
        var azurite = await AzuriteFixture.StartAsync();
        var issuer = new TestTokenIssuer();
        var openId = await LoopbackOpenIdServer.StartAsync(issuer);
        var connector = await StubConnector.StartAsync();
        var tablePrefix = "bench" + Guid.NewGuid().ToString("N")[..6];
        var host = new BotHost(HostSettings(azurite, openId, tablePrefix));
        host.UseKestrel(0);
        host.StartServer();
        return new BenchmarkEnvironment(azurite, issuer, openId, connector, host) { TablePrefix = tablePrefix };
    }

    /// <summary>
    /// The settings of a bot host on this run's Azurite and OpenID server, its tables and queues under
    /// <paramref name="tablePrefix"/>; <paramref name="extra"/> adds or overrides settings.
    /// </summary>
    public static Dictionary<string, string?> HostSettings(
        AzuriteFixture azurite, LoopbackOpenIdServer openId, string tablePrefix, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "b1c2d3e4-0000-4000-8000-000000000001",
            ["MicrosoftAppPassword"] = "benchmark-not-used",
            ["BotFramework:OpenIdMetadataUrl"] = openId.MetadataUrl,
            ["BotFramework:AllowedServiceUrlHosts:0"] = "127.0.0.1",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = tablePrefix,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Anonymity:Secret"] = "benchmark-secret-0123456789abcdefghijkl",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
        Issuer.Dispose();
        await Azurite.DisposeAsync();
    }

    /// <summary>The bot host, configured through settings only.</summary>
    internal sealed class BotHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // The factory guesses the content root from the solution layout and guesses wrong for a non-test project.
            builder.UseContentRoot(Path.Combine(RepoPaths.RepoRoot, "src", "TrustBot.Web"));
            builder.UseEnvironment("Benchmark");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            // Azure.Identity would call the real Entra authority; the benchmark stays on loopback.
            builder.ConfigureTestServices(services => services.AddSingleton<IBotTokenProvider>(new FixedBotTokenProvider("benchmark-token")));
        }
    }
}
