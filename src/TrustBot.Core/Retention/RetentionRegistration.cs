using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Retention;

internal static class RetentionRegistration
{
    /// <summary>
    /// Registers <see cref="RetentionOptions"/> from <c>Retention</c> (validated at start), the
    /// <see cref="RetentionSweep"/> and its service-wide timetable job. Storage supplies <see cref="IRetentionStore"/>.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton<RetentionSweep>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IScheduledJob, RetentionSweepJob>());
        return services;
    }
}
