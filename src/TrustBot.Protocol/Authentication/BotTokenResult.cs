namespace TrustBot.Protocol.Authentication;

/// <summary>
/// The outcome of <see cref="BotTokenValidator.ValidateTokenAsync"/>: the checks that need only the token, plus
/// what <see cref="BotTokenValidator.AuthorizeActivity"/> needs once the activity body has been read.
/// </summary>
public sealed record BotTokenResult
{
    /// <summary>True when header, signature, issuer, audience and lifetime all passed.</summary>
    public bool Succeeded { get; init; }

    /// <summary>Why validation failed, one of <see cref="BotTokenFailureReasons"/>; null on success.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The <c>kid</c> of the key that verified the signature.</summary>
    public string? SigningKeyId { get; init; }

    /// <summary>
    /// The channels the signing key is endorsed for, from the JWKS <c>endorsements</c> member;
    /// null when the key has no such member (which fails authorization).
    /// </summary>
    public IReadOnlyList<string>? Endorsements { get; init; }

    /// <summary>The raw <c>serviceurl</c> claim; null when the token has none.</summary>
    public string? ServiceUrlClaim { get; init; }

    /// <summary>The validated audience, i.e. the bot's app id.</summary>
    public string? AppId { get; init; }

    /// <summary>A failed result with the given reason.</summary>
    public static BotTokenResult Failed(string reason) => new() { Succeeded = false, FailureReason = reason };
}
