using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Commands;

namespace TrustBot.Core.Privacy;

internal static class PrivacyRegistration
{
    /// <summary>Registers the <c>privacy</c> command, which shows the privacy notice with the threshold in force where it is asked.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommand, PrivacyCommand>());
        return services;
    }
}
