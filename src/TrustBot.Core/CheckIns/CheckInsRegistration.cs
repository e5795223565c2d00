using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.CheckIns;

internal static class CheckInsRegistration
{
    /// <summary>
    /// Registers check-ins: options (section <c>CheckIns</c>), the <c>checkin</c> command and the card's buttons, the
    /// scheduled check-in job and its sender, the close job and its service-wide sweep, the ballot fold, the shared
    /// card's refresh sender and the caches the vote path reads through.
    /// </summary>
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<OpenCheckInCache>();
        services.TryAddSingleton<CheckInStatements>();
        services.TryAddSingleton<BallotFoldJob>();
        services.TryAddScoped<CheckInLauncher>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, CheckInJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, CheckInSender>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, CheckInCloseJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, CheckInCloseSweepJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, SharedCardSender>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, CheckInCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICardActionHandler, CheckInActionHandler>());
        return services;
    }
}
