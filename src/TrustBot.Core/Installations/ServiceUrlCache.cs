using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using TrustBot.Core.Caching;

namespace TrustBot.Core.Installations;

/// <summary>
/// The last service URL stored per installation, so that refreshing the address on every activity only writes
/// when the URL changed. Bounded: at most <see cref="DefaultCapacity"/> installations (or the capacity given), the
/// least recently used going first. Kept small per installation, since an install base of 10,000 means 10,000 entries:
/// an entry is keyed by a 128-bit digest of tenant id and installation key instead of the two strings (an installation
/// key is a Teams id of 50 to 100 characters), service URLs are shared through a small pool because thousands of
/// installations have the same few of them, and storing an unchanged URL again leaves the entry as it is instead of
/// replacing it (an install announces itself twice, and a replaced entry kept both announcements' keys).
/// Register as a singleton.
/// </summary>
public sealed class ServiceUrlCache : IDisposable
{
    public const int DefaultCapacity = 10_000;

    // Distinct service URLs pooled at most; Teams uses a handful.
    private const int SharedStringCapacity = 1024;

    // Digest inputs up to this many bytes are built on the stack.
    private const int StackInputLimit = 512;

    private readonly int _capacity;
    private readonly MemoryCache _entries;
    private readonly StringPool _shared = new(SharedStringCapacity);

    public ServiceUrlCache()
        : this(DefaultCapacity, TimeProvider.System)
    {
    }

    public ServiceUrlCache(int capacity)
        : this(capacity, TimeProvider.System)
    {
    }

    /// <summary>
    /// A cache of at most <paramref name="capacity"/> installations; <paramref name="timeProvider"/> dates each read,
    /// which decides the least recently used.
    /// </summary>
    public ServiceUrlCache(int capacity, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _capacity = capacity;
        _entries = BoundedMemoryCache.Create(capacity, timeProvider);
    }

    public int Count => _entries.Count;

    /// <summary>True when <paramref name="serviceUrl"/> is the URL last stored for the installation.</summary>
    public bool IsCurrent(string tenantId, string key, string serviceUrl) =>
        _entries.TryGetValue(KeyOf(tenantId, key), out string? stored) && string.Equals(stored, serviceUrl, StringComparison.Ordinal);

    /// <summary>Records the URL now stored for the installation.</summary>
    public void Set(string tenantId, string key, string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(serviceUrl);

        // Boxed once: the same box is looked up and, when new, kept as the entry's key.
        object entryKey = KeyOf(tenantId, key);
        if (_entries.TryGetValue(entryKey, out string? stored) && string.Equals(stored, serviceUrl, StringComparison.Ordinal))
        {
            return;
        }

        BoundedMemoryCache.Keep(_entries, _capacity, entryKey, _shared.Share(serviceUrl), expiresAt: null);
    }

    /// <summary>Forgets the installation, for example after it was removed.</summary>
    public void Remove(string tenantId, string key) => _entries.Remove(KeyOf(tenantId, key));

    public void Dispose() => _entries.Dispose();

    // SHA-256 of the tenant id's length, the tenant id and the key (UTF-8), cut to 128 bits. Two installations would
    // share an entry only if their digests collided, which at 128 bits does not happen for any real install base; a
    // weaker hash could let one installation's stored URL hide another's change.
    private static UInt128 KeyOf(string tenantId, string key)
    {
        var length = sizeof(int) + Encoding.UTF8.GetByteCount(tenantId) + Encoding.UTF8.GetByteCount(key);
        byte[]? rented = null;
        var input = length <= StackInputLimit ? stackalloc byte[StackInputLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(tenantId, input[sizeof(int)..]);
            BinaryPrimitives.WriteInt32LittleEndian(input, written);
            written += sizeof(int);
            written += Encoding.UTF8.GetBytes(key, input[written..]);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(input[..written], digest);
            return MemoryMarshal.Read<UInt128>(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
