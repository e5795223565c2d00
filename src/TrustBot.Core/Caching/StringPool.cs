using System.Collections.Concurrent;

namespace TrustBot.Core.Caching;

/// <summary>
/// One shared instance per distinct string, for values that thousands of cache entries repeat although few distinct
/// ones exist (a tenant id, a service URL): each entry then holds a reference, not its own copy. Bounded: once
/// <c>capacity</c> distinct values are pooled, new ones are handed back as they are and not kept, so a flood of
/// distinct values costs nothing here. Nothing is ever removed; there are too few values for it to matter.
/// </summary>
internal sealed class StringPool(int capacity)
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The pooled instance equal to <paramref name="value"/>, or <paramref name="value"/> itself.</summary>
    public string Share(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        // Counted separately because ConcurrentDictionary.Count takes every lock of the dictionary.
        if (Volatile.Read(ref _count) >= capacity)
        {
            return value;
        }

        if (_strings.TryAdd(value, value))
        {
            Interlocked.Increment(ref _count);
            return value;
        }

        return _strings.TryGetValue(value, out shared) ? shared : value;
    }
}
