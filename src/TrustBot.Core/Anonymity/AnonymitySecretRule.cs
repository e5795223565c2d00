namespace TrustBot.Core.Anonymity;

/// <summary>
/// Decides whether a configured anonymity secret is fit to be an HMAC key. The rule, in order:
/// <list type="number">
/// <item>not empty;</item>
/// <item>not the literal text of an unresolved reference (<c>@Microsoft.KeyVault(</c> or <c>@Microsoft.AppConfiguration(</c>, any case),
/// which App Service passes through while it cannot reach the vault, and which would otherwise be a predictable key;</item>
/// <item>at least <see cref="MinimumLength"/> characters;</item>
/// <item>at least <see cref="MinimumDistinctCharacters"/> distinct characters, at least <see cref="MinimumEstimatedBits"/>
/// bits by the estimate length × log2(distinct characters), and not one shorter pattern repeated;</item>
/// <item>no placeholder word (<see cref="PlaceholderWords"/>, any case, ignoring punctuation).</item>
/// </list>
/// A 32-byte random value in base64 (44 characters, e.g. <c>openssl rand -base64 32</c>) and the deployment's own value
/// (two GUIDs as 64 hex digits, see infra/main.bicep) pass: the chance that either has fewer than 10 distinct characters
/// is below 10^-11, which also puts it far above 128 estimated bits, and every placeholder word is at least 8 characters
/// long, so the chance that one appears by accident is below 10^-7.
/// </summary>
public static class AnonymitySecretRule
{
    public const int MinimumLength = 32;
    public const int MinimumDistinctCharacters = 10;
    public const int MinimumEstimatedBits = 128;

    private static readonly string[] UnresolvedReferencePrefixes = ["@Microsoft.KeyVault(", "@Microsoft.AppConfiguration("];

    /// <summary>Words that mark a value someone meant to replace; each is long enough never to occur in random text.</summary>
    public static IReadOnlyList<string> PlaceholderWords { get; } =
        ["changeme", "changethis", "replaceme", "placeholder", "yoursecret", "secrethere", "notasecret", "xxxxxxxx", "00000000"];

    public static AnonymitySecretProblem Check(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return AnonymitySecretProblem.Missing;
        }

        var trimmed = secret.Trim();
        if (UnresolvedReferencePrefixes.Any(prefix => trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return AnonymitySecretProblem.UnresolvedReference;
        }

        if (secret.Length < MinimumLength)
        {
            return AnonymitySecretProblem.TooShort;
        }

        var distinct = secret.Distinct().Count();
        if (distinct < MinimumDistinctCharacters || secret.Length * Math.Log2(distinct) < MinimumEstimatedBits || IsRepeatedPattern(secret))
        {
            return AnonymitySecretProblem.LowEntropy;
        }

        var letters = new string([.. secret.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        return PlaceholderWords.Any(word => letters.Contains(word, StringComparison.Ordinal))
            ? AnonymitySecretProblem.Placeholder
            : AnonymitySecretProblem.None;
    }

    /// <summary>True when the value is some shorter string written out two or more times.</summary>
    private static bool IsRepeatedPattern(string value) =>
        (value + value).IndexOf(value, 1, StringComparison.Ordinal) < value.Length;
}
