using Microsoft.Extensions.Options;

namespace TrustBot.Core.Anonymity;

/// <summary>
/// Whether the configured anonymity secret may be used, decided once (App Service restarts the app when a Key Vault
/// reference resolves). The host reads it for readiness and to answer "not ready" rather than crash-looping at start.
/// </summary>
public sealed class AnonymitySecretStatus(IOptions<AnonymityOptions> options)
{
    private readonly Lazy<AnonymitySecretProblem> _problem = new(() => AnonymitySecretRule.Check(options.Value.Secret));

    public AnonymitySecretProblem Problem => _problem.Value;

    public bool IsUsable => Problem == AnonymitySecretProblem.None;

    /// <summary>Throws <see cref="AnonymitySecretUnavailableException"/> when the secret must not be used.</summary>
    public void EnsureUsable()
    {
        if (!IsUsable)
        {
            throw new AnonymitySecretUnavailableException(Problem);
        }
    }
}
