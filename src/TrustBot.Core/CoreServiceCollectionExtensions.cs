using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;

namespace TrustBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Core handlers and commands. The host supplies <c>IBotMessenger</c> and Storage the stores.
    /// Handlers are scoped so they may use a scoped or transient messenger; the service-URL cache is a singleton.
    /// </summary>
    public static IServiceCollection AddTrustBotCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new ServiceUrlCache());
        services.TryAddScoped<InstallationHandler>();
        services.TryAddScoped<MessageHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, HelpCommand>());
        return services;
    }
}
