using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TrustBot.Protocol.Authentication;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Hosting;

/// <summary>Registers the protocol layer: options, inbound authentication, the Connector client and the endpoint.</summary>
public static class ProtocolHostingExtensions
{
    /// <summary>
    /// Adds the protocol layer. <c>MicrosoftApp*</c> settings bind from the configuration root (their conventional
    /// names); protocol settings from <see cref="BotFrameworkOptions.SectionName"/>. The application registers its
    /// <see cref="IActivityHandler"/>.
    /// </summary>
    public static IHttpClientBuilder AddTrustBotProtocol(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BotOptions>().Bind(builder.Configuration);
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServiceUrlAllowList>();
        services.TryAddSingleton<BotRequestProcessor>();
        services.AddBotAuthentication();
        return services.AddBotConnector();
    }
}
