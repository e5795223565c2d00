using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TrustBot.Testing.Auth;

/// <summary>An RSA-2048 signing key of the <see cref="TestTokenIssuer"/>, with the endorsements its JWKS entry carries.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa;

    internal TestSigningKey(string keyId, IReadOnlyList<string>? endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        _rsa = RSA.Create(2048);
        SecurityKey = new RsaSecurityKey(_rsa) { KeyId = keyId };
    }

    /// <summary>The <c>kid</c> written into token headers and the JWKS.</summary>
    public string KeyId { get; }

    /// <summary>The channels this key is endorsed for; null leaves the <c>endorsements</c> member out of the JWKS.</summary>
    public IReadOnlyList<string>? Endorsements { get; internal set; }

    /// <summary>True while the key is listed in the JWKS the loopback server publishes.</summary>
    public bool IsPublished { get; internal set; }

    /// <summary>The private key, for signing.</summary>
    public RsaSecurityKey SecurityKey { get; }

    /// <summary>The JWKS entry for the public half of this key.</summary>
    public Dictionary<string, object> ToJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = Endorsements.ToArray();
        }

        return jwk;
    }

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();
}
