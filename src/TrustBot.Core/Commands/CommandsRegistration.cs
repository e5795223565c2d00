using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrustBot.Core.Commands;

internal static class CommandsRegistration
{
    /// <summary>
    /// Registers the message and card-action routers; features add their <see cref="ICommand"/>,
    /// <see cref="ICardActionHandler"/> and <see cref="IMessageObserver"/> implementations. The host supplies the messenger.
    /// <see cref="MessageReplies"/> is scoped: one per activity, which the host queues when handling ends.
    /// </summary>
    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        services.TryAddScoped<MessageReplies>();
        services.TryAddScoped<MessageHandler>();
        services.TryAddScoped<CardActionRouter>();
        return services;
    }
}
