namespace TrustBot.Protocol.Authentication;

/// <summary>The machine-readable values of <see cref="BotTokenResult.FailureReason"/>.</summary>
public static class BotTokenFailureReasons
{
    /// <summary>No <c>Authorization</c> header, or <c>Bearer</c> with no token.</summary>
    public const string Missing = "missing";

    /// <summary>The header uses a scheme other than exactly <c>Bearer</c>.</summary>
    public const string Scheme = "scheme";

    /// <summary>The token is not a well-formed JWS.</summary>
    public const string Malformed = "malformed";

    /// <summary>The token expired more than the allowed clock skew ago.</summary>
    public const string Expired = "expired";

    /// <summary>The token's <c>nbf</c> is further in the future than the allowed clock skew.</summary>
    public const string NotYetValid = "not-yet-valid";

    /// <summary>The token has no expiry, or an inconsistent lifetime.</summary>
    public const string Lifetime = "lifetime";

    /// <summary>The signature does not verify.</summary>
    public const string BadSignature = "bad-signature";

    /// <summary>The token names a signing key that is not published, even after refreshing the metadata.</summary>
    public const string UnknownKey = "unknown-key";

    /// <summary>The token is not signed, or not with an allowed RSA algorithm.</summary>
    public const string Algorithm = "algorithm";

    /// <summary>The <c>aud</c> claim is not the bot's app id.</summary>
    public const string WrongAudience = "wrong-audience";

    /// <summary>The <c>iss</c> claim is not the Bot Framework token issuer.</summary>
    public const string WrongIssuer = "wrong-issuer";

    /// <summary>The OpenID metadata or its key set could not be fetched, so no token can be checked.</summary>
    public const string MetadataUnavailable = "metadata-unavailable";

    /// <summary>Any other validation failure.</summary>
    public const string Invalid = "invalid";
}
