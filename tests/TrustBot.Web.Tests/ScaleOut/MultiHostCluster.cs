using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Scheduling;
using TrustBot.Testing.Auth;
using TrustBot.Testing.Connector;
using TrustBot.Testing.Storage;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.ScaleOut;

/// <summary>
/// Several instances of the real host sharing one Azurite, one stub Connector and, optionally, one fake clock — the
/// shape of a scaled-out App Service. Hosts can be stopped abruptly and started again.
/// </summary>
internal sealed class MultiHostCluster : IAsyncDisposable
{
    public const string AppId = BotHostFixture.AppId;
    public const string BotId = BotHostFixture.BotId;

    private readonly Dictionary<string, string?> _settings;
    private readonly FakeTimeProvider? _clock;
    private readonly List<BotApplicationFactory?> _hosts = [];
    private readonly List<OutboundRecorder> _outbound = [];

    private MultiHostCluster(AzuriteFixture azurite, LoopbackOpenIdServer openId, StubConnector connector, TestTokenIssuer issuer, FakeTimeProvider? clock, IReadOnlyDictionary<string, string?> extra)
    {
        Azurite = azurite;
        OpenId = openId;
        Connector = connector;
        Issuer = issuer;
        _clock = clock;
        TablePrefix = "s" + Guid.NewGuid().ToString("N")[..8];
        _settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "b1c2d3e4-0000-4000-8000-000000000001",
            ["MicrosoftAppPassword"] = "not-used-in-tests",
            ["BotFramework:OpenIdMetadataUrl"] = openId.MetadataUrl,
            ["BotFramework:AllowedServiceUrlHosts:0"] = "127.0.0.1",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = TablePrefix,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Anonymity:Secret"] = "test-secret-0123456789-abcdefghijklmnop",
        };
        foreach (var (key, value) in extra)
        {
            _settings[key] = value;
        }
    }

    public AzuriteFixture Azurite { get; }

    public LoopbackOpenIdServer OpenId { get; }

    public StubConnector Connector { get; }

    public TestTokenIssuer Issuer { get; }

    public string TablePrefix { get; }

    public static async Task<MultiHostCluster> StartAsync(FakeTimeProvider? clock, IReadOnlyDictionary<string, string?> settings)
    {
        var azurite = await AzuriteFixture.StartAsync();
        var issuer = new TestTokenIssuer();
        var openId = await LoopbackOpenIdServer.StartAsync(issuer);
        var connector = await StubConnector.StartAsync(clock);
        return new MultiHostCluster(azurite, openId, connector, issuer, clock, settings);
    }

    /// <summary>Starts one more host instance; returns its index.</summary>
    public int StartHost()
    {
        var host = new BotApplicationFactory(_settings, configureServices: services =>
        {
            if (_clock is not null)
            {
                services.AddSingleton<TimeProvider>(_clock);
            }

            // A stop is as abrupt as the host allows: background loops are cancelled at once, nothing is drained.
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.Zero);
        });
        host.UseKestrel(0);
        host.StartServer();
        _hosts.Add(host);
        _outbound.Add(host.Outbound);
        return _hosts.Count - 1;
    }

    public IServiceProvider Services(int host) => _hosts[host]?.Services ?? throw new InvalidOperationException($"Host {host} is stopped.");

    /// <summary>Every outbound HTTP request host <paramref name="host"/> made, also after it was stopped.</summary>
    public OutboundRecorder Outbound(int host) => _outbound[host];

    /// <summary>Stops a host abruptly, mid-work: whatever it had claimed is left to expire and be taken over.</summary>
    public async Task KillAsync(int host)
    {
        var factory = _hosts[host] ?? throw new InvalidOperationException($"Host {host} is already stopped.");
        _hosts[host] = null;
        await factory.DisposeAsync();
    }

    /// <summary>True when no timetable entry is due and the outbox holds no message (visible or in flight).</summary>
    public async Task<bool> IsIdleAsync(DateTimeOffset now)
    {
        var services = _hosts.First(h => h is not null)!.Services;
        var due = await services.GetRequiredService<ITimetable>().ListDueAsync(now, 1, CancellationToken.None);
        if (due.Count > 0)
        {
            return false;
        }

        var queue = new Azure.Storage.Queues.QueueClient(Azurite.ConnectionString, TablePrefix.ToLowerInvariant() + "outbox");
        var properties = await queue.GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount == 0;
    }

    /// <summary>What keeps the cluster busy, for a failure message.</summary>
    public async Task<string> DescribeWorkAsync(DateTimeOffset now)
    {
        var services = _hosts.First(h => h is not null)!.Services;
        var due = await services.GetRequiredService<ITimetable>().ListDueAsync(now, 10, CancellationToken.None);
        var queue = new Azure.Storage.Queues.QueueClient(Azurite.ConnectionString, TablePrefix.ToLowerInvariant() + "outbox");
        var properties = await queue.GetPropertiesAsync();
        return $"due: [{string.Join(", ", due.Select(d => $"{d.Kind}@{d.DueAt:O}"))}], queued: {properties.Value.ApproximateMessagesCount}, requests: {Connector.Requests.Count}";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Where(h => h is not null))
        {
            await host!.DisposeAsync();
        }

        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
        await Azurite.DisposeAsync();
        Issuer.Dispose();
    }
}
