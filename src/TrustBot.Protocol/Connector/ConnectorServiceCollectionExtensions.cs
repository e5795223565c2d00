using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Protocol.Hosting;

namespace TrustBot.Protocol.Connector;

/// <summary>Registers the Connector client and its pipeline.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ConnectorClient"/> as a typed HttpClient with the pipeline retry (resilience handler) → bot
    /// token → rate limit → attempt timeout (resilience handler) → response buffering → primary handler, plus <see cref="ServiceUrlAllowList"/>, <see cref="IBotTokenProvider"/>
    /// (<see cref="AzureIdentityBotTokenProvider"/>), <see cref="ConnectorRateLimiter"/> with
    /// <see cref="ConnectorRateLimits.Teams"/> (on the host's <see cref="IConnectorSendBudget"/> when it registers one,
    /// else per process) and its <see cref="ConnectorArrivalGuard"/>, and <see cref="ConnectorOptions"/> bound from <c>BotFramework:Connector</c>.
    /// Expects the host to configure <see cref="BotOptions"/> and <see cref="BotFrameworkOptions"/>. Existing
    /// registrations of the token provider, limits, limiter and <see cref="TimeProvider"/> win, so tests can replace them.
    /// </summary>
    /// <returns>The client builder, e.g. to <c>ConfigurePrimaryHttpMessageHandler</c> in tests.</returns>
    public static IHttpClientBuilder AddBotConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Calling twice must not stack a second set of handlers on the same client.
        if (services.Any(d => d.ServiceType == typeof(ResponseBufferingHandler)))
        {
            return services.AddHttpClient<ConnectorClient>();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ConnectorOptions>().BindConfiguration(ConnectorOptions.SectionName);
        services.TryAddSingleton<ServiceUrlAllowList>();
        services.TryAddSingleton<IBotTokenProvider, AzureIdentityBotTokenProvider>();
        services.TryAddSingleton(ConnectorRateLimits.Teams);
        services.TryAddSingleton(provider => new ConnectorRateLimiter(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ConnectorRateLimits>(),
            provider.GetService<IConnectorSendBudget>(),
            provider.GetRequiredService<IOptions<ConnectorOptions>>().Value.MaxInstances,
            provider.GetRequiredService<ILogger<ConnectorRateLimiter>>()));
        services.TryAddSingleton<ConnectorArrivalGuard>();
        services.TryAddTransient<BotTokenHandler>();
        services.TryAddTransient<RateLimitingHandler>();
        services.TryAddTransient<ResponseBufferingHandler>();

        // Attempts are bounded by AttemptTimeout and MaxRetries; a client-wide timeout would also cut rate-limit waits.
        var client = services.AddHttpClient<ConnectorClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler(ConnectorResilience.RetryPipeline, ConnectorResilience.ConfigureRetry);
        client.AddHttpMessageHandler<BotTokenHandler>().AddHttpMessageHandler<RateLimitingHandler>();
        client.AddResilienceHandler(ConnectorResilience.AttemptTimeoutPipeline, ConnectorResilience.ConfigureAttemptTimeout);
        return client.AddHttpMessageHandler<ResponseBufferingHandler>();
    }
}
