using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrustBot.Core.Installations;

internal static class InstallationsRegistration
{
    /// <summary>
    /// Registers the installation handler (scoped, for the messenger), the privacy notice it welcomes with, the
    /// service-URL cache (a singleton, for its memory) and the team planner, which puts every <see cref="ITeamJob"/> on
    /// a new team's timetable. Features watch installs through <see cref="IInstallationObserver"/>;
    /// Storage supplies <see cref="IInstallationStore"/>.
    /// </summary>
    public static IServiceCollection AddInstallations(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new ServiceUrlCache(ServiceUrlCache.DefaultCapacity, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PrivacyNotice>();
        services.TryAddScoped<InstallationHandler>();
        services.TryAddScoped<TeamPlanner>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IInstallationObserver, TeamPlanner>());
        return services;
    }
}
