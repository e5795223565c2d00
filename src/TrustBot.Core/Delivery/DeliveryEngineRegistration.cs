using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Installations;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Delivery;

internal static class DeliveryEngineRegistration
{
    /// <summary>
    /// Registers the scheduler tick and outbox worker (singletons that open a scope for the scoped jobs and handlers),
    /// <see cref="DeliveryOptions"/> from <c>Delivery</c> (validated at start), the team planner as an installation
    /// observer, and the check-in and speak-up jobs and senders. Storage supplies the timetable and delivery stores.
    /// </summary>
    public static IServiceCollection AddDeliveryEngine(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.TryAddSingleton<DeliveryInstance>();
        services.TryAddSingleton<SchedulerTick>();
        services.TryAddSingleton<OutboxWorker>();

        services.TryAddScoped<TeamPlanner>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IInstallationObserver, TeamPlanner>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, CheckInJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, SpeakUpJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, CheckInSender>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, SpeakUpSender>());
        return services;
    }
}
