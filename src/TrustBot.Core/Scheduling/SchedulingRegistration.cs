using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.Scheduling;

internal static class SchedulingRegistration
{
    /// <summary>
    /// Registers the engine that does all work later: the scheduler tick and the outbox worker (singletons that open a
    /// scope for the scoped jobs and handlers) and <see cref="DeliveryOptions"/> from <c>Delivery</c> (validated at
    /// start), the seeder of service-wide jobs' entries, and the queue-once step for sends made outside an occurrence.
    /// Features add their own <see cref="IScheduledJob"/> and <see cref="IOutboundHandler"/> implementations; Storage
    /// supplies the timetable, leases, outbox and idempotency store.
    /// </summary>
    public static IServiceCollection AddSchedulingEngine(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.TryAddSingleton<DeliveryInstance>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<SchedulerTick>();
        services.TryAddSingleton<OutboxWorker>();
        services.TryAddSingleton<ServiceJobSeeder>();
        services.TryAddSingleton<OutboxSends>();
        return services;
    }
}
