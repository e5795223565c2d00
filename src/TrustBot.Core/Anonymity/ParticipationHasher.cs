using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TrustBot.Core.Anonymity;

/// <summary>
/// Participation = HMAC-SHA256(key, tenant | ballot box | AAD object id), where key = HMAC-SHA256(service secret, salt)
/// and the salt is random per ballot box. Once the salt is destroyed nobody, the operator included, can recompute
/// who took part; without the service secret (Key Vault, never a table) storage alone cannot either.
/// </summary>
public sealed class ParticipationHasher(IOptions<AnonymityOptions> options)
{
    private readonly AnonymitySecretStatus _status = new(options);

    public const int SaltBytes = 32;

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public string Hash(byte[] salt, string tenantId, string ballotBoxId, string aadObjectId)
    {
        ArgumentNullException.ThrowIfNull(salt);
        // Checked here as well as at the door, so nothing (a background job included) ever hashes with a placeholder.
        _status.EnsureUsable();
        var secret = Encoding.UTF8.GetBytes(options.Value.Secret);
        var key = HMACSHA256.HashData(secret, salt);
        var subject = Encoding.UTF8.GetBytes($"{tenantId}|{ballotBoxId}|{aadObjectId.ToLowerInvariant()}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, subject));
    }
}
