using System.ComponentModel.DataAnnotations;

namespace TrustBot.Core.Anonymity;

/// <summary>The anonymity settings (section <c>Anonymity</c>). The secret comes from Key Vault in Azure.</summary>
public sealed class AnonymityOptions
{
    public const string SectionName = "Anonymity";

    /// <summary>
    /// The service secret mixed into every participation key (e.g. 32 random bytes in base64). It is checked by
    /// <see cref="AnonymitySecretRule"/>, not at start: a Key Vault reference that has not resolved yet must leave the
    /// app running and not ready, instead of crash-looping or becoming a predictable key.
    /// </summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The default threshold k for teams that have not chosen one.</summary>
    [Range(3, 25)]
    public int DefaultThreshold { get; set; } = 5;
}
