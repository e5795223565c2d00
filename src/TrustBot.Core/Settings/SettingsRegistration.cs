using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;

namespace TrustBot.Core.Settings;

internal static class SettingsRegistration
{
    /// <summary>
    /// Registers the <c>settings</c> command and the settings card's actions. Scoped, like the other handlers, because
    /// they use the (scoped) messenger; leader chats, leader changes and the team planner come from their own features.
    /// </summary>
    public static IServiceCollection AddSettings(this IServiceCollection services)
    {
        services.TryAddScoped<TeamChoicesReader>();
        services.TryAddScoped<SettingsForms>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, SettingsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICardActionHandler, SettingsActionHandler>());
        return services;
    }
}
