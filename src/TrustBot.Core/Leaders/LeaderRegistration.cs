using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;

namespace TrustBot.Core.Leaders;

internal static class LeaderRegistration
{
    /// <summary>
    /// Registers the leaders command, the installer's enrollment as an installation observer, leader chats and the
    /// details refresh (a singleton, for its memory). Expects <see cref="ILeaderStore"/> and
    /// <see cref="Scheduling.ITimetable"/> from Storage.
    /// </summary>
    public static IServiceCollection AddLeaders(this IServiceCollection services)
    {
        services.TryAddSingleton<LeaderDetails>();
        services.TryAddScoped<LeaderChats>();
        services.TryAddScoped<LeaderChanges>();
        services.TryAddScoped<LeaderZones>();
        services.TryAddScoped<LeaderCandidateCheck>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IInstallationObserver, LeaderEnrollment>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, LeadersCommand>());
        return services;
    }
}
