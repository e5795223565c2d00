using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Reminders;

internal static class RemindersRegistration
{
    /// <summary>Registers the reminder job and its sender, scoped because the sender uses the (scoped) messenger.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, ReminderJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, ReminderSender>());
        return services;
    }
}
