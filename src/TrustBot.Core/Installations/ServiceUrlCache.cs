using Microsoft.Extensions.Caching.Memory;
using TrustBot.Core.Caching;

namespace TrustBot.Core.Installations;

/// <summary>
/// The last service URL stored per installation, so that refreshing the address on every activity only writes
/// when the URL changed. Bounded: at most <see cref="DefaultCapacity"/> installations (or the capacity given), the
/// least recently used going first. Tenant ids and service URLs are shared through a small pool, because thousands of
/// installations have the same few of them and each entry would otherwise keep its own copy of both.
/// Register as a singleton.
/// </summary>
public sealed class ServiceUrlCache : IDisposable
{
    public const int DefaultCapacity = 10_000;

    // Distinct tenant ids and service URLs pooled at most; a single-tenant bot sees one tenant and a handful of URLs.
    private const int SharedStringCapacity = 1024;

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
        _entries.TryGetValue((tenantId, key), out string? stored) && string.Equals(stored, serviceUrl, StringComparison.Ordinal);

    /// <summary>Records the URL now stored for the installation.</summary>
    public void Set(string tenantId, string key, string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(serviceUrl);

        // Lookups need no shared instance (the key compares by value); only what the entry keeps does.
        BoundedMemoryCache.Keep(_entries, _capacity, (_shared.Share(tenantId), key), _shared.Share(serviceUrl), expiresAt: null);
    }

    /// <summary>Forgets the installation, for example after it was removed.</summary>
    public void Remove(string tenantId, string key) => _entries.Remove((tenantId, key));

    public void Dispose() => _entries.Dispose();
}
