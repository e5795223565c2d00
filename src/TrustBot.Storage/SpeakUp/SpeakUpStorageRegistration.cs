using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.SpeakUp;

internal static class SpeakUpStorageRegistration
{
    /// <summary>
    /// Registers the speak-up store, the queue dispatcher, the queue initializer and the intake worker (in that start
    /// order, so the queues exist before the first drain), and binds <see cref="NoteIntakeOptions"/> from
    /// <c>SpeakUp:Intake</c>. Expects the storage clients and <see cref="Hosting.StorageOptions"/> from AddTrustBotStorage.
    /// </summary>
    public static IServiceCollection AddSpeakUpStorage(this IServiceCollection services)
    {
        services.AddOptions<NoteIntakeOptions>()
            .BindConfiguration(NoteIntakeOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NoteIntakeOptions>, NoteIntakeOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NoteQueues>();
        services.TryAddSingleton<ISpeakUpStore, TableSpeakUpStore>();
        services.TryAddSingleton<INoteDispatcher, QueueNoteDispatcher>();
        services.TryAddSingleton<StorageInitialization>();
        services.AddHostedService<NoteQueueInitializer>();
        services.AddHostedService<NoteIntakeWorker>();
        return services;
    }
}
