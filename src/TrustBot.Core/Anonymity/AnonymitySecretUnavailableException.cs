namespace TrustBot.Core.Anonymity;

/// <summary>
/// Thrown instead of hashing with a secret that <see cref="AnonymitySecretRule"/> refused, so no participation key is
/// ever made from a placeholder. The host turns it into a "not ready" answer.
/// </summary>
public sealed class AnonymitySecretUnavailableException : InvalidOperationException
{
    public AnonymitySecretUnavailableException()
        : base("The anonymity secret is not configured or is an unresolved Key Vault reference.")
    {
    }

    public AnonymitySecretUnavailableException(string message)
        : base(message)
    {
    }

    public AnonymitySecretUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnonymitySecretUnavailableException(AnonymitySecretProblem problem)
        : base($"The anonymity secret is not configured or is an unresolved Key Vault reference ({problem}).")
    {
        Problem = problem;
    }

    public AnonymitySecretProblem Problem { get; }
}
