using System.ComponentModel.DataAnnotations;

namespace TrustBot.Core.Anonymity;

/// <summary>The anonymity settings (section <c>Anonymity</c>). The secret comes from Key Vault in Azure.</summary>
public sealed class AnonymityOptions
{
    public const string SectionName = "Anonymity";

    /// <summary>The service secret mixed into every participation key; at least 32 characters.</summary>
    [Required(ErrorMessage = "Anonymity:Secret is required: a random string of at least 32 characters (Key Vault in Azure).")]
    [MinLength(32, ErrorMessage = "Anonymity:Secret must be at least 32 characters long.")]
    public string Secret { get; set; } = string.Empty;

    /// <summary>The default threshold k for teams that have not chosen one.</summary>
    [Range(3, 25)]
    public int DefaultThreshold { get; set; } = 5;
}
