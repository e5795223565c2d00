using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace TrustBot.Core.Questions;

/// <summary>
/// A per-team shuffle that is the same on every instance and every run. string.GetHashCode is randomised per process,
/// so it would give a team a different rotation after each restart; a SHA-256 of the team and the item does not.
/// </summary>
internal static class StableOrder
{
    public static ulong Key(string seed, string item)
    {
        var bytes = Encoding.UTF8.GetBytes($"{seed}\u001f{item}");
        return BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(bytes));
    }

    /// <summary>The items sorted by their key under <paramref name="seed"/> (ties by the item itself).</summary>
    public static List<T> Shuffle<T>(IEnumerable<T> items, string seed, Func<T, string> name) =>
        [.. items.OrderBy(item => Key(seed, name(item))).ThenBy(name, StringComparer.Ordinal)];
}
