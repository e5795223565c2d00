using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.SpeakUp;

internal static class SpeakUpRegistration
{
    /// <summary>
    /// Registers speak-up: options (section <c>SpeakUp</c>, validated at start), the <c>speakup</c> and <c>notes</c>
    /// commands and the prompt's buttons, the scheduled prompt job and its sender, the close job and the closed card's
    /// sender, note release (one timetable job per prompt, posted through the outbox), and the service-wide sweep that
    /// plans what a prompt is missing.
    /// </summary>
    public static IServiceCollection AddSpeakUp(this IServiceCollection services)
    {
        services.AddOptions<SpeakUpOptions>().BindConfiguration(SpeakUpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpeakUpOptions>, SpeakUpOptionsValidator>());
        services.TryAddSingleton<NoteDelayPolicy>();
        services.TryAddSingleton<NoteReleasePlanner>();
        services.TryAddScoped<SpeakUpLauncher>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, SpeakUpJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, SpeakUpSender>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, NoteReleaseJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, NoteReleaseSender>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, SpeakUpCloseJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, SpeakUpCardSender>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, SpeakUpSweepJob>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, SpeakUpCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, NotesCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICardActionHandler, SpeakUpActionHandler>());
        return services;
    }
}
