using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Digests;

internal static class DigestsRegistration
{
    /// <summary>
    /// Registers the digest job, its sender and the prediction handler. Scoped like the other handlers, because the
    /// sender and the handler use the (scoped) messenger; the stores come from Storage.
    /// </summary>
    public static IServiceCollection AddDigests(this IServiceCollection services)
    {
        services.TryAddScoped<DigestComposer>();
        services.TryAddScoped<PredictionTiming>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, DigestJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, DigestSender>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICardActionHandler, PredictionActionHandler>());
        return services;
    }
}
