using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrustBot.Protocol.Authentication;

/// <summary>Registers inbound Bot Connector token validation.</summary>
public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="BotTokenValidator"/> as a singleton (one metadata cache per process), the named HttpClient it
    /// fetches metadata with, and <see cref="TimeProvider.System"/> unless a clock is already registered.
    /// Expects the host to configure <c>IOptions&lt;BotOptions&gt;</c> and <c>IOptions&lt;BotFrameworkOptions&gt;</c>.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddOptions();
        services.AddHttpClient(MetadataDocumentRetriever.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<BotTokenValidator>();
        return services;
    }
}
