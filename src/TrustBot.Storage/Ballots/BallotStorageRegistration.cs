using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Storage.CheckIns;

namespace TrustBot.Storage.Ballots;

internal static class BallotStorageRegistration
{
    /// <summary>
    /// Registers the Table Storage check-in store and ballot box as singletons (stateless over their table clients).
    /// Needs the <c>TableServiceClient</c> and <c>StorageOptions</c> that <c>AddTrustBotStorage</c> registers.
    /// </summary>
    public static IServiceCollection AddBallotStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICheckInStore, TableCheckInStore>();
        services.AddSingleton<IBallotBox, TableBallotBox>();
        return services;
    }
}
