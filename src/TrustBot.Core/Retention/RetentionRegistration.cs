using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TrustBot.Core.Retention;

internal static class RetentionRegistration
{
    /// <summary>
    /// Registers <see cref="RetentionOptions"/> from <c>Retention</c> (validated at start) and the
    /// <see cref="RetentionSweep"/>. Storage supplies <see cref="IRetentionStore"/>; the host runs the sweep.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton<RetentionSweep>();
        return services;
    }
}
