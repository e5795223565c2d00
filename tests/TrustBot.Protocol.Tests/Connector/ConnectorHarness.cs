using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;

namespace TrustBot.Protocol.Tests.Connector;

// The real AddBotConnector pipeline pointed at a real StubConnector over loopback, with fast back-off.
internal sealed class ConnectorHarness : IAsyncDisposable
{
    public const string AppId = "00000000-0000-0000-0000-0000000000aa";

    /// <summary>The tenant every call names (the limiter keeps the app windows per tenant).</summary>
    public const string TenantId = "3c8e5f1a-0000-4000-8000-0000000000ab";

    private readonly ServiceProvider _provider;

    private ConnectorHarness(StubConnector stub, ServiceProvider provider, FakeBotTokenProvider? tokens)
    {
        Stub = stub;
        _provider = provider;
        Tokens = tokens;
        Client = provider.GetRequiredService<ConnectorClient>();
    }

    public StubConnector Stub { get; }

    public ConnectorClient Client { get; }

    public FakeBotTokenProvider? Tokens { get; }

    public string ServiceUrl => Stub.ServiceUrl;

    public T GetRequiredService<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<ConnectorHarness> StartAsync(
        Action<ConnectorOptions>? configure = null,
        FakeBotTokenProvider? tokens = null,
        bool localMode = false,
        bool allowLoopback = true,
        Action<IServiceCollection>? services = null)
    {
        var stub = await StubConnector.StartAsync();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.Configure<BotOptions>(o =>
        {
            o.MicrosoftAppId = localMode ? null : AppId;
            o.MicrosoftAppPassword = localMode ? null : "unused-secret";
            o.MicrosoftAppTenantId = "11111111-1111-1111-1111-111111111111";
        });
        collection.Configure<BotFrameworkOptions>(o =>
        {
            if (allowLoopback)
            {
                o.AllowedServiceUrlHosts.Add("127.0.0.1");
            }
        });
        if (!localMode)
        {
            tokens ??= new FakeBotTokenProvider("token-1");
            collection.AddSingleton<IBotTokenProvider>(tokens);
        }

        services?.Invoke(collection);
        collection.AddBotConnector();
        collection.Configure<ConnectorOptions>(o =>
        {
            o.BaseDelay = TimeSpan.FromMilliseconds(5);
            o.MaxDelay = TimeSpan.FromMilliseconds(20);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        return new ConnectorHarness(stub, collection.BuildServiceProvider(), localMode ? null : tokens);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Stub.DisposeAsync();
    }
}
