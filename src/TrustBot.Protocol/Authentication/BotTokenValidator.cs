using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace TrustBot.Protocol.Authentication;

/// <summary>
/// Validates the Bot Connector's inbound <c>Authorization</c> header (protocol digest §2.2): first the token alone
/// (<see cref="ValidateTokenAsync"/>), then, once the activity is parsed, its endorsements and <c>serviceurl</c>
/// binding (<see cref="AuthorizeActivity"/>). Signing keys come from the OpenID metadata document and are cached.
/// </summary>
/// <remarks>
/// Why not JwtBearer: the token checks themselves are Microsoft.IdentityModel's (<see cref="JsonWebTokenHandler"/>,
/// OpenID configuration), but two Bot Framework rules are about the activity, not the token: the key that signed the
/// token must endorse the activity's <c>channelId</c>, and the token's <c>serviceurl</c> claim must equal the
/// activity's <c>serviceUrl</c>. JwtBearer's authentication runs before the body is read and does not carry the
/// signing key's <c>endorsements</c> into the principal, so it cannot express the endorsement rule; these two run here
/// once the activity is parsed, against the key kept from validation.
/// </remarks>
public sealed class BotTokenValidator : IDisposable
{
    private const string BearerScheme = "Bearer";
    private const string ServiceUrlClaim = "serviceurl";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly SigningKeySource _keys;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly string _issuer;
    private readonly string _audience;
    private readonly bool _metadataUrlAllowed;
    private readonly TimeProvider _timeProvider;
    private readonly ValidatedTokenCache _validated;
    private readonly ILogger<BotTokenValidator> _logger;

    /// <summary>Creates the validator; metadata is fetched lazily on the first token.</summary>
    public BotTokenValidator(
        IOptions<BotOptions> botOptions,
        IOptions<BotFrameworkOptions> frameworkOptions,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILogger<BotTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(botOptions);
        ArgumentNullException.ThrowIfNull(frameworkOptions);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var framework = frameworkOptions.Value;
        _issuer = framework.TokenIssuer;
        _audience = botOptions.Value.MicrosoftAppId ?? string.Empty;
        _timeProvider = timeProvider;
        _validated = new ValidatedTokenCache(timeProvider);
        _logger = logger;

        // Plain http is tolerated only when the whole metadata URL is loopback: that is how tests stand in for
        // login.botframework.com. Any other http URL is refused rather than silently trusted.
        var loopback = MetadataDocumentRetriever.IsLoopback(framework.OpenIdMetadataUrl);
        _metadataUrlAllowed = MetadataDocumentRetriever.IsAllowed(framework.OpenIdMetadataUrl, loopback);
        if (!_metadataUrlAllowed)
        {
            AuthenticationLog.InsecureMetadataUrl(logger);
        }

        _keys = new SigningKeySource(
            framework.OpenIdMetadataUrl,
            new MetadataDocumentRetriever(httpClientFactory, loopback),
            timeProvider,
            logger);
    }

    /// <summary>
    /// How soon after one refresh an unknown <c>kid</c> may force another (IdentityModel default 5 minutes,
    /// minimum 1 second). Lowered only by tests that rotate keys.
    /// </summary>
    internal TimeSpan MinimumRefreshInterval
    {
        get => _keys.MinimumRefreshInterval;
        set => _keys.MinimumRefreshInterval = value;
    }

    /// <summary>
    /// Checks the <c>Authorization</c> header: scheme exactly <c>Bearer</c>, an RS256/384/512 signature by a published
    /// key, the Bot Framework issuer, the bot's app id as audience and a lifetime valid within 5 minutes of skew.
    /// Never throws for a bad token or unreachable metadata; the failure is in the result.
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<BotTokenResult> ValidateTokenAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        var token = ReadBearerToken(authorizationHeader, out var headerFailure);
        if (token is null)
        {
            return Reject(headerFailure!);
        }

        if (!_metadataUrlAllowed)
        {
            return Reject(BotTokenFailureReasons.MetadataUnavailable);
        }

        var configuration = await _keys.GetAsync(cancellationToken);
        if (configuration is null)
        {
            return BotTokenResult.Failed(BotTokenFailureReasons.MetadataUnavailable);
        }

        if (_validated.Find(token, configuration) is { } known)
        {
            return known;
        }

        var result = await ValidateAsync(token, configuration);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotate: an unknown kid may be a key published since the last fetch. Retry once with fresh keys.
            var refreshed = await _keys.RefreshForUnknownKeyAsync(configuration, cancellationToken);
            if (refreshed is not null)
            {
                configuration = refreshed;
                result = await ValidateAsync(token, configuration);
            }
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return Reject(Classify(result));
        }

        var keyId = jwt.SigningKey?.KeyId ?? jwt.Kid;
        AuthenticationLog.TokenValidated(_logger, keyId);
        var validated = new BotTokenResult
        {
            Succeeded = true,
            SigningKeyId = keyId,
            Endorsements = KeyEndorsements.Find(configuration.JsonWebKeySet, keyId),
            ServiceUrlClaim = jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl) ? serviceUrl : null,
            AppId = jwt.Audiences.FirstOrDefault(),
        };
        _validated.Add(token, configuration, validated, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + ClockSkew);
        return validated;
    }

    /// <summary>
    /// The checks that need the parsed activity: the signing key must be endorsed for <paramref name="channelId"/>
    /// (else <see cref="BotAuthorizationStatus.Unauthorized"/>), and the token's <c>serviceurl</c> claim must equal
    /// <paramref name="serviceUrl"/>, ignoring case and one trailing slash (else <see cref="BotAuthorizationStatus.Forbidden"/>).
    /// </summary>
    public BotAuthorizationStatus AuthorizeActivity(BotTokenResult token, string? channelId, string? serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.Succeeded)
        {
            return BotAuthorizationStatus.Unauthorized;
        }

        // As the SDK: a key without an endorsements member fails outright; an activity without a channel passes.
        if (token.Endorsements is null
            || (!string.IsNullOrEmpty(channelId) && !token.Endorsements.Contains(channelId, StringComparer.Ordinal)))
        {
            AuthenticationLog.ChannelNotEndorsed(_logger, channelId);
            return BotAuthorizationStatus.Unauthorized;
        }

        if (!ServiceUrlsMatch(token.ServiceUrlClaim, serviceUrl))
        {
            AuthenticationLog.ServiceUrlMismatch(_logger);
            return BotAuthorizationStatus.Forbidden;
        }

        return BotAuthorizationStatus.Allowed;
    }

    /// <summary>Releases the refresh lock and the token cache; the DI container calls this when the host stops.</summary>
    public void Dispose()
    {
        _keys.Dispose();
        _validated.Dispose();
    }

    private static string? ReadBearerToken(string? header, out string? failure)
    {
        failure = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            failure = BotTokenFailureReasons.Missing;
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        if (!string.Equals(scheme, BearerScheme, StringComparison.Ordinal))
        {
            failure = BotTokenFailureReasons.Scheme;
            return null;
        }

        var token = space < 0 ? string.Empty : header[(space + 1)..].Trim();
        if (token.Length == 0)
        {
            failure = BotTokenFailureReasons.Missing;
            return null;
        }

        return token;
    }

    private static bool ServiceUrlsMatch(string? claim, string? activity)
    {
        if (string.IsNullOrEmpty(claim) || string.IsNullOrEmpty(activity))
        {
            return false;
        }

        return string.Equals(TrimOneSlash(claim), TrimOneSlash(activity), StringComparison.OrdinalIgnoreCase);

        static string TrimOneSlash(string url) => url.EndsWith('/') ? url[..^1] : url;
    }

    private static string Classify(TokenValidationResult result)
    {
        // Report a disallowed alg (none, HS256, ...) as such, whichever check IdentityModel tripped over first.
        if (result.TokenOnFailedValidation is JsonWebToken token && !AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return BotTokenFailureReasons.Algorithm;
        }

        return Classify(result.Exception);
    }

    private static string Classify(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => BotTokenFailureReasons.Expired,
        SecurityTokenNotYetValidException => BotTokenFailureReasons.NotYetValid,
        SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException => BotTokenFailureReasons.Lifetime,
        SecurityTokenInvalidAudienceException => BotTokenFailureReasons.WrongAudience,
        SecurityTokenInvalidIssuerException => BotTokenFailureReasons.WrongIssuer,
        SecurityTokenInvalidAlgorithmException => BotTokenFailureReasons.Algorithm,
        SecurityTokenSignatureKeyNotFoundException => BotTokenFailureReasons.UnknownKey,
        SecurityTokenInvalidSignatureException => BotTokenFailureReasons.BadSignature,
        SecurityTokenMalformedException => BotTokenFailureReasons.Malformed,
        _ => BotTokenFailureReasons.Invalid,
    };

    private async Task<TokenValidationResult> ValidateAsync(string token, OpenIdConnectConfiguration configuration)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _issuer,
            ValidAudience = _audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            RequireAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidateLifetime,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKeys = configuration.SigningKeys,
            IncludeTokenOnFailedValidation = true,
            IgnoreTrailingSlashWhenValidatingAudience = false,
        };

        try
        {
            return await _handler.ValidateTokenAsync(token, parameters);
        }
        catch (Exception exception)
        {
            // The handler reports token faults in its result; anything thrown is a bug or resource fault,
            // and must still come back as a rejection, not a 500.
            AuthenticationLog.UnexpectedValidationFailure(_logger, exception.GetType().Name);
            return new TokenValidationResult { IsValid = false, Exception = exception };
        }
    }

    // IdentityModel 8.23 keeps its TimeProvider hook internal and reads the system clock, so the lifetime rule is
    // restated here against the injected clock. Throwing the specific exception keeps the failure reason precise.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore > expires)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.") { NotBefore = notBefore, Expires = expires };
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (notBefore > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not yet valid.") { NotBefore = notBefore.Value };
        }

        if (expires < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private BotTokenResult Reject(string reason)
    {
        AuthenticationLog.TokenRejected(_logger, reason);
        return BotTokenResult.Failed(reason);
    }
}
