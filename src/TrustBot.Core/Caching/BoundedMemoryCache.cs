using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace TrustBot.Core.Caching;

/// <summary>
/// The in-memory caches' one way to make and fill a <see cref="MemoryCache"/>: bounded by entry count, expiring by the
/// injected <see cref="TimeProvider"/> (so tests with a fake clock see what production sees), and evicting the least
/// recently used entries when full instead of dropping everything.
/// </summary>
internal static class BoundedMemoryCache
{
    /// <summary>A cache of at most <paramref name="capacity"/> entries (each entry has size 1).</summary>
    public static MemoryCache Create(int capacity, TimeProvider timeProvider) =>
        new(new MemoryCacheOptions { SizeLimit = capacity, Clock = new Clock(timeProvider) });

    /// <summary>
    /// Stores <paramref name="value"/> until <paramref name="expiresAt"/> (null: until evicted), making room first when
    /// full.
    /// </summary>
    public static void Keep(MemoryCache cache, int capacity, object key, object value, DateTimeOffset? expiresAt)
    {
        // A full MemoryCache refuses a new entry and compacts later, on the thread pool; compacting here first (the
        // expired, then the least recently used tenth, at least one) keeps the value just read. Replacing a key
        // already held needs no room.
        if (cache.Count >= capacity && !cache.TryGetValue(key, out _))
        {
            cache.Compact(Math.Max(0.1, 1.0 / cache.Count));
        }

        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expiresAt });
    }

    // MemoryCacheOptions takes an ISystemClock, not a TimeProvider.
    private sealed class Clock(TimeProvider timeProvider) : ISystemClock
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
}
