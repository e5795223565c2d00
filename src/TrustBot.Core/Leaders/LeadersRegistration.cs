using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;

namespace TrustBot.Core.Leaders;

internal static class LeadersRegistration
{
    /// <summary>
    /// Registers the leaders command, the resolver that finds the team a command is about (and the k in force there), the installer's enrollment as an installation observer, leader chats, names and
    /// introductions (with the introduction's outbound sender), and the details refresh (a singleton, for its memory) as a message observer.
    /// Expects <see cref="ILeaderStore"/>, <see cref="Scheduling.ITimetable"/>, the outbox and the idempotency store from Storage.
    /// </summary>
    public static IServiceCollection AddLeaders(this IServiceCollection services)
    {
        services.TryAddSingleton<LeaderDetails>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMessageObserver, LeaderMessageObserver>());
        services.TryAddScoped<PersonLeadership>();
        services.TryAddScoped<InstallationResolver>();
        services.TryAddScoped<ThresholdsInForce>();
        services.TryAddScoped<LeaderChats>();
        services.TryAddScoped<LeaderRecipients>();
        services.TryAddScoped<LeaderChanges>();
        services.TryAddScoped<LeaderZones>();
        services.TryAddScoped<LeaderNames>();
        services.TryAddScoped<LeaderIntroductions>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboundHandler, LeaderIntroSender>());
        services.TryAddScoped<LeaderCandidateCheck>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IInstallationObserver, LeaderEnrollment>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, LeadersCommand>());
        return services;
    }
}
