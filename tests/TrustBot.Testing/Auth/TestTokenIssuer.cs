using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TrustBot.Testing.Auth;

/// <summary>
/// Plays the Bot Framework token service in tests: holds RSA signing keys, publishes their JWKS (with the
/// non-standard <c>endorsements</c> member) and mints channel tokens, good and bad.
/// </summary>
public sealed class TestTokenIssuer : IDisposable
{
    /// <summary>The <c>kid</c> of the key every issuer starts with.</summary>
    public const string DefaultKeyId = "test-key";

    /// <summary>The issuer of public-cloud channel tokens.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The claim that carries the service URL the token is bound to.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    private readonly Lock _gate = new();
    private readonly List<TestSigningKey> _keys = [];
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private TestSigningKey? _foreignKey;

    /// <summary>Creates an issuer with one published key, <see cref="DefaultKeyId"/>, endorsed for <c>msteams</c>.</summary>
    /// <param name="timeProvider">The clock default token lifetimes are measured from; the system clock if null.</param>
    public TestTokenIssuer(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        DefaultKey = AddKey(DefaultKeyId);
    }

    /// <summary>The endorsements a key gets unless told otherwise.</summary>
    public static IReadOnlyList<string> DefaultEndorsements { get; } = ["msteams"];

    /// <summary>The key tokens are signed with unless a <c>keyId</c> is given.</summary>
    public TestSigningKey DefaultKey { get; }

    /// <summary>Creates and publishes a key endorsed for <see cref="DefaultEndorsements"/>.</summary>
    public TestSigningKey AddKey(string keyId) => AddKey(keyId, DefaultEndorsements);

    /// <summary>Creates and publishes a key; null <paramref name="endorsements"/> leaves the member out of its JWKS entry.</summary>
    public TestSigningKey AddKey(string keyId, IReadOnlyList<string>? endorsements)
    {
        var key = new TestSigningKey(keyId, endorsements) { IsPublished = true };
        lock (_gate)
        {
            if (_keys.Exists(k => k.KeyId == keyId))
            {
                key.Dispose();
                throw new InvalidOperationException($"Key '{keyId}' already exists.");
            }

            _keys.Add(key);
        }

        return key;
    }

    /// <summary>Replaces the endorsements of a key; null removes the member from its JWKS entry.</summary>
    public void SetEndorsements(string keyId, IReadOnlyList<string>? endorsements)
    {
        lock (_gate)
        {
            GetKey(keyId).Endorsements = endorsements;
        }
    }

    /// <summary>Stops publishing a key (as after a rotation); it can still sign, so its tokens become unverifiable.</summary>
    public void UnpublishKey(string keyId)
    {
        lock (_gate)
        {
            GetKey(keyId).IsPublished = false;
        }
    }

    /// <summary>The JWKS document: <c>{ "keys": [ ... ] }</c> with every published key.</summary>
    public string GetJwksJson()
    {
        List<Dictionary<string, object>> keys;
        lock (_gate)
        {
            keys = _keys.Where(k => k.IsPublished).Select(k => k.ToJwk()).ToList();
        }

        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = keys });
    }

    /// <summary>
    /// Mints an RS256 channel token. Defaults: valid from one minute ago for ten minutes, signed by
    /// <see cref="DefaultKey"/>. A null <paramref name="serviceUrl"/> leaves the <c>serviceurl</c> claim out.
    /// </summary>
    public string CreateToken(
        string audience,
        string? serviceUrl,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        string issuer = BotFrameworkIssuer,
        string? keyId = null)
    {
        var key = keyId is null ? DefaultKey : FindKey(keyId);
        return Sign(audience, serviceUrl, notBefore, expires, issuer, new SigningCredentials(key.SecurityKey, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>Mints an unsigned token (<c>alg: none</c>) that still names <see cref="DefaultKeyId"/>.</summary>
    public string CreateUnsignedToken(string audience, string? serviceUrl)
    {
        // IdentityModel will not put a kid on an unsigned token, so rewrite a signed one: new header, no signature.
        var payload = CreateToken(audience, serviceUrl).Split('.')[1];
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"JWT","kid":"{{DefaultKeyId}}"}""");
        return header + "." + payload + ".";
    }

    /// <summary>Mints an HS256 token whose HMAC key claims the <c>kid</c> <see cref="DefaultKeyId"/>.</summary>
    public string CreateSymmetricToken(string audience, string? serviceUrl)
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = DefaultKeyId };
        return Sign(audience, serviceUrl, null, null, BotFrameworkIssuer, new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
    }

    /// <summary>
    /// Mints an RS256 token with a key that is never published. With the default <paramref name="keyId"/> it
    /// impersonates <see cref="DefaultKeyId"/> (a bad signature); with another id it is an unknown key.
    /// </summary>
    public string CreateTokenWithForeignKey(string audience, string? serviceUrl, string keyId = DefaultKeyId)
    {
        lock (_gate)
        {
            _foreignKey ??= new TestSigningKey("foreign", DefaultEndorsements);
        }

        var signingKey = new RsaSecurityKey(_foreignKey.SecurityKey.Rsa) { KeyId = keyId };
        return Sign(audience, serviceUrl, null, null, BotFrameworkIssuer, new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>Rewrites one payload claim of <paramref name="token"/> and keeps the original signature.</summary>
    public static string TamperPayload(string token, string claim, string value)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload[claim] = value;
        parts[1] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }

    /// <summary>Flips bits in the first signature character of <paramref name="token"/>.</summary>
    public static string TamperSignature(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var signatureStart = token.LastIndexOf('.') + 1;
        var chars = token.ToCharArray();
        chars[signatureStart] = chars[signatureStart] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _keys)
            {
                key.Dispose();
            }

            _foreignKey?.Dispose();
        }
    }

    private string Sign(
        string audience,
        string? serviceUrl,
        DateTimeOffset? notBefore,
        DateTimeOffset? expires,
        string issuer,
        SigningCredentials credentials)
    {
        var descriptor = Describe(audience, serviceUrl, notBefore, expires, issuer);
        descriptor.SigningCredentials = credentials;
        return _handler.CreateToken(descriptor);
    }

    private SecurityTokenDescriptor Describe(
        string audience,
        string? serviceUrl,
        DateTimeOffset? notBefore,
        DateTimeOffset? expires,
        string issuer)
    {
        var now = _timeProvider.GetUtcNow();
        var exp = expires ?? now.AddMinutes(10);

        // A caller asking for an already-expired token still needs nbf < exp, or the handler refuses to mint it.
        var nbf = notBefore ?? (exp > now.AddMinutes(-1) ? now.AddMinutes(-1) : exp.AddMinutes(-10));
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            claims[ServiceUrlClaim] = serviceUrl;
        }

        return new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = nbf.UtcDateTime,
            NotBefore = nbf.UtcDateTime,
            Expires = exp.UtcDateTime,
            Claims = claims,
        };
    }

    private TestSigningKey FindKey(string keyId)
    {
        lock (_gate)
        {
            return GetKey(keyId);
        }
    }

    private TestSigningKey GetKey(string keyId) =>
        _keys.Find(k => k.KeyId == keyId) ?? throw new InvalidOperationException($"No key '{keyId}'.");
}
