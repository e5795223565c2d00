using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Nudges;

internal static class NudgesRegistration
{
    /// <summary>
    /// Registers the weekly nudge job, its outbound sender and the nudge card's buttons. The job and the habit choice
    /// use only singleton stores; the sender and the button handler reach the (scoped) messenger or sit next to the
    /// other scoped card handlers, so they are scoped. Storage supplies <see cref="INudgeStore"/>, the leader store,
    /// the outbox and the idempotency store.
    /// </summary>
    public static IServiceCollection AddNudges(this IServiceCollection services)
    {
        services.TryAddSingleton<TeamDimensionScores>();
        services.TryAddSingleton<HabitChooser>();
        services.TryAddSingleton<NudgeTeamReads>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IScheduledJob, NudgeJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, NudgeSender>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICardActionHandler, NudgeActionHandler>());
        return services;
    }
}
