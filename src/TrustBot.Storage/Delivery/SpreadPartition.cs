using System.Security.Cryptography;
using System.Text;

namespace TrustBot.Storage.Delivery;

/// <summary>
/// The partition of a lease or idempotency row: the first two hex digits of SHA-256 of its name. Names share long
/// prefixes (tenant ids), so hashing spreads them over 256 partitions instead of crowding one.
/// </summary>
internal static class SpreadPartition
{
    public static string For(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 1);
}
