using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Launching;
using TrustBot.Core.Digests;
using TrustBot.Core.Leaders;
using TrustBot.Core.Nudges;
using TrustBot.Core.Reminders;
using TrustBot.Core.Retention;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Settings;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Core handlers and commands. The host supplies <c>IBotMessenger</c> and Storage the stores.
    /// Handlers are scoped so they may use a scoped or transient messenger; the service-URL cache is a singleton.
    /// </summary>
    public static IServiceCollection AddTrustBotCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ServiceUrlCache(ServiceUrlCache.DefaultCapacity, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PrivacyNotice>();
        services.TryAddScoped<InstallationHandler>();
        services.TryAddScoped<MessageHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, HelpCommand>());

        services.AddOptions<AnonymityOptions>().BindConfiguration(AnonymityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SpeakUpOptions>().BindConfiguration(SpeakUpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpeakUpOptions>, SpeakUpOptionsValidator>());
        services.TryAddSingleton<ParticipationHasher>();
        services.TryAddSingleton<AnonymitySecretStatus>();
        services.TryAddSingleton<NoteDelayPolicy>();
        services.TryAddSingleton<SharedCardUpdater>();
        services.TryAddSingleton<OpenCheckInCache>();
        services.TryAddSingleton<CheckInStatements>();
        services.TryAddSingleton<TallyCache>();
        services.TryAddSingleton<CheckInCloser>();
        services.TryAddSingleton<BallotFoldJob>();
        services.AddOptions<FoldOptions>().BindConfiguration(FoldOptions.SectionName).Validate(o => o.Problem() is null, "Ballots: see FoldOptions.Problem").ValidateOnStart();
        services.TryAddSingleton<SpeakUpCloser>();
        services.TryAddSingleton<NoteReleasePlanner>();
        // Notes are released by the scheduler (one timetable job per prompt) and posted through the outbox.
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, NoteReleaseJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, NoteReleaseSender>());
        services.TryAddScoped<InstallationResolver>();
        services.TryAddScoped<ThresholdsInForce>();
        services.TryAddScoped<CheckInLauncher>();
        services.AddOptions<LaunchOptions>().BindConfiguration(LaunchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddScoped<LaunchGate>();
        services.TryAddScoped<SpeakUpLauncher>();
        services.TryAddScoped<CardActionRouter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, CheckInCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, SpeakUpCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, NotesCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, PrivacyCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICardActionHandler, CheckInActionHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICardActionHandler, SpeakUpActionHandler>());
        services.AddLeaders();
        services.AddDeliveryEngine();
        services.AddNudges();
        services.AddDigests().AddReminders();
        services.AddRetention();
        services.AddSettings();
        return services;
    }
}
