using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Digests;

namespace TrustBot.Storage.Digests;

internal static class DigestsStorageRegistration
{
    /// <summary>
    /// Registers the Table Storage prediction store as a singleton (stateless over its table client). Needs the
    /// <c>TableServiceClient</c> and <c>StorageOptions</c> that <c>AddTrustBotStorage</c> registers.
    /// </summary>
    public static IServiceCollection AddPredictionStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IPredictionStore, TablePredictionStore>();
        return services;
    }
}
