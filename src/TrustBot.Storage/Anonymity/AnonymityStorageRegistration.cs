using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Storage.CheckIns;

namespace TrustBot.Storage.Anonymity;

internal static class AnonymityStorageRegistration
{
    /// <summary>
    /// Registers the Table Storage check-in store, the ballot box and its folder as singletons (stateless over their
    /// clients), and the start-up creation of the pending-ballot queue. Needs the table and queue service clients and
    /// <c>StorageOptions</c> that <c>AddTrustBotStorage</c> registers.
    /// </summary>
    public static IServiceCollection AddBallotStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FoldOptions>().BindConfiguration(FoldOptions.SectionName);
        services.AddSingleton<PendingBallotQueue>();
        services.AddSingleton<ICheckInStore, TableCheckInStore>();
        services.AddSingleton<IBallotBox, TableBallotBox>();
        services.AddSingleton<IBallotFolder, QueueBallotFolder>();
        services.AddHostedService<PendingBallotQueueInitializer>();
        return services;
    }
}
