using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrustBot.Core.Launching;

internal static class LaunchingRegistration
{
    /// <summary>Registers the launch gate and its limits (section <c>Launching</c>, validated at start); Storage supplies <see cref="ILaunchCounter"/>.</summary>
    public static IServiceCollection AddLaunching(this IServiceCollection services)
    {
        services.AddOptions<LaunchOptions>().BindConfiguration(LaunchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddScoped<LaunchGate>();
        return services;
    }
}
