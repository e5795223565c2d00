using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrustBot.Core.Anonymity;

internal static class AnonymityRegistration
{
    /// <summary>
    /// Registers the anonymity options (section <c>Anonymity</c>) and ballot-fold options (section <c>Ballots</c>), both
    /// validated at start, the participation hasher, the secret's status and the tally cache. Storage supplies the
    /// ballot box and folder.
    /// </summary>
    public static IServiceCollection AddAnonymity(this IServiceCollection services)
    {
        services.AddOptions<AnonymityOptions>().BindConfiguration(AnonymityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FoldOptions>().BindConfiguration(FoldOptions.SectionName).Validate(o => o.Problem() is null, "Ballots: see FoldOptions.Problem").ValidateOnStart();
        services.TryAddSingleton<ParticipationHasher>();
        services.TryAddSingleton<AnonymitySecretStatus>();
        services.TryAddSingleton<TallyCache>();
        return services;
    }
}
