using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Retention;

namespace TrustBot.Storage.Retention;

internal static class RetentionStorageRegistration
{
    /// <summary>Registers the retention store; expects the storage clients from AddTrustBotStorage, which also creates the tables.</summary>
    public static IServiceCollection AddRetentionStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<TeamQueuePurger>();
        services.TryAddSingleton<IRetentionStore, TableRetentionStore>();
        return services;
    }
}
