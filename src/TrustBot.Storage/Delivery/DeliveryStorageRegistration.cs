using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Delivery;

internal static class DeliveryStorageRegistration
{
    /// <summary>
    /// Registers the lease, idempotency and dead-letter stores, the tenants' shared send schedule, the outbox with its start-up queue initializer, and
    /// the <c>delivery</c> health check (tag <c>ready</c>). Expects the storage clients and
    /// <see cref="Hosting.StorageOptions"/> from AddTrustBotStorage; the tables are created by the table initializer.
    /// </summary>
    public static IServiceCollection AddDeliveryStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILeaseStore, TableLeaseStore>();
        services.TryAddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.TryAddSingleton<IDeadLetterLog, TableDeadLetterLog>();
        services.TryAddSingleton<ISendBudget, TableSendBudget>();
        services.TryAddSingleton<DeliveryInstance>();
        services.TryAddSingleton<OutboxQueue>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<IOutbox, QueueOutbox>();
        services.TryAddSingleton<StorageInitialization>();
        services.AddHostedService<OutboxQueueInitializer>();
        services.TryAddSingleton<DeadLetterHealthCheck>();
        services.AddHealthChecks().AddCheck<DeadLetterHealthCheck>("delivery", tags: ["ready"]);
        return services;
    }
}
