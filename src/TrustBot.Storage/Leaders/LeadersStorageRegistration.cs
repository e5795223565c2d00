using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Leaders;

namespace TrustBot.Storage.Leaders;

internal static class LeadersStorageRegistration
{
    /// <summary>Registers the leader store; expects the storage clients from AddTrustBotStorage, which also creates the table.</summary>
    public static IServiceCollection AddLeaderStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<ILeaderStore, TableLeaderStore>();
        return services;
    }
}
