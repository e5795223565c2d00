using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Protocol;
using TrustBot.Protocol.Connector;

namespace TrustBot.Testing.Connector;

/// <summary>
/// The production Connector pipeline (<see cref="ConnectorServiceCollectionExtensions.AddBotConnector"/>: retry, token,
/// rate limit, attempt timeout) with a fixed token, allowed to call <c>127.0.0.1</c>. For driving a loopback stand-in
/// such as <see cref="TeamsLimitedConnector"/> with the real client.
/// </summary>
public sealed class LoopbackConnectorClient : IAsyncDisposable
{
    /// <summary>The bot app id the client is configured with.</summary>
    public const string AppId = "00000000-0000-4000-8000-0000000000ab";

    private readonly ServiceProvider _provider;

    private LoopbackConnectorClient(ServiceProvider provider)
    {
        _provider = provider;
        Client = provider.GetRequiredService<ConnectorClient>();
        RateLimiter = provider.GetRequiredService<ConnectorRateLimiter>();
        ArrivalGuard = provider.GetRequiredService<ConnectorArrivalGuard>();
    }

    /// <summary>The client.</summary>
    public ConnectorClient Client { get; }

    /// <summary>The client's limiter (shared by every call, as in the host).</summary>
    public ConnectorRateLimiter RateLimiter { get; }

    /// <summary>The client's arrival guard (shared by every call, as in the host).</summary>
    public ConnectorArrivalGuard ArrivalGuard { get; }

    /// <summary>
    /// Builds the pipeline. <paramref name="limits"/> replaces <see cref="ConnectorRateLimits.Teams"/> when given;
    /// <paramref name="configure"/> adjusts retry options after the defaults.
    /// </summary>
    public static LoopbackConnectorClient Create(
        ConnectorRateLimits? limits = null, TimeProvider? timeProvider = null, Action<ConnectorOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.Configure<BotOptions>(o =>
        {
            o.MicrosoftAppId = AppId;
            o.MicrosoftAppPassword = "unused-secret";
        });
        services.Configure<BotFrameworkOptions>(o => o.AllowedServiceUrlHosts.Add("127.0.0.1"));
        services.AddSingleton<IBotTokenProvider>(new FixedBotTokenProvider("loopback-token"));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        if (limits is not null)
        {
            services.AddSingleton(limits);
        }

        services.AddBotConnector();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new LoopbackConnectorClient(services.BuildServiceProvider());
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
