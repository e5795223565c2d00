using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrustBot.Core.Delivery;

internal static class DeliveryRegistration
{
    /// <summary>
    /// Registers reply delivery: the queue that stores a message's replies as one outbox send, the sender that posts
    /// them, this process's reply order and the signal that wakes the outbox worker when a reply is queued.
    /// </summary>
    public static IServiceCollection AddReplyDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<ReplyLine>();
        services.TryAddSingleton<ReplyOutbox>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, ReplySender>());
        return services;
    }
}
