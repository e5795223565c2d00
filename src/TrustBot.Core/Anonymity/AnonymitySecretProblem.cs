namespace TrustBot.Core.Anonymity;

/// <summary>Why a configured anonymity secret cannot be used as an HMAC key; <see cref="None"/> when it can.</summary>
public enum AnonymitySecretProblem
{
    None,

    /// <summary>Empty or missing.</summary>
    Missing,

    /// <summary>The literal text of a Key Vault or App Configuration reference that App Service could not resolve.</summary>
    UnresolvedReference,

    /// <summary>Shorter than <see cref="AnonymitySecretRule.MinimumLength"/> characters.</summary>
    TooShort,

    /// <summary>Too few distinct characters, or one short pattern repeated.</summary>
    LowEntropy,

    /// <summary>Contains an obvious placeholder word such as "changeme".</summary>
    Placeholder,
}
