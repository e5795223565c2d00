using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Nudges;

namespace TrustBot.Storage.Nudges;

internal static class NudgesStorageRegistration
{
    /// <summary>Registers the nudge store. Expects the table client from AddTrustBotStorage; the table is created at start.</summary>
    public static IServiceCollection AddNudgeStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<INudgeStore, TableNudgeStore>();
        return services;
    }
}
