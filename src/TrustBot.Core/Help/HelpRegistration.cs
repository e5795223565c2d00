using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;

namespace TrustBot.Core.Help;

internal static class HelpRegistration
{
    /// <summary>Registers the <c>help</c> command, which lists every other registered command in registration order.</summary>
    public static IServiceCollection AddHelp(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, HelpCommand>());
        return services;
    }
}
