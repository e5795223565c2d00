using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TrustBot.Protocol.Authentication;

/// <summary>
/// Remembers tokens that passed full validation. The Bot Connector reuses one token for up to an hour, and the same
/// bytes verify the same way against the same key set, so a hit spares the RSA check. A hit still requires the
/// token to be within its lifetime (plus skew) by the injected clock, and the key set to be the very one it was
/// verified against: a metadata refresh (key rotation) sends every token back through full validation.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider timeProvider, int capacity = ValidatedTokenCache.DefaultCapacity) : IDisposable
{
    public const int DefaultCapacity = 1024;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = capacity, Clock = new Clock(timeProvider) });

    public BotTokenResult? Find(string token, OpenIdConnectConfiguration keys)
    {
        if (!_entries.TryGetValue(token, out Entry? entry) || entry is null)
        {
            return null;
        }

        // The lifetime is checked here too: a token is good up to and including its last instant.
        if (!ReferenceEquals(entry.Keys, keys) || timeProvider.GetUtcNow() > entry.ValidUntil)
        {
            _entries.Remove(token);
            return null;
        }

        return entry.Result;
    }

    public void Add(string token, OpenIdConnectConfiguration keys, BotTokenResult result, DateTimeOffset validUntil)
    {
        // A full MemoryCache refuses a new entry and compacts later, on the thread pool; compacting here first (the
        // expired, then the least recently used tenth, at least one) keeps the token just verified.
        if (_entries.Count >= capacity)
        {
            _entries.Compact(Math.Min(1, Math.Max(0.1, 1.5 / _entries.Count)));
        }

        // Kept a moment past ValidUntil so that the check above, not the cache, decides the last instant.
        var options = new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = validUntil.AddSeconds(1) };
        _entries.Set(token, new Entry(keys, result, validUntil), options);
    }

    public void Dispose() => _entries.Dispose();

    private sealed record Entry(OpenIdConnectConfiguration Keys, BotTokenResult Result, DateTimeOffset ValidUntil);

    // MemoryCacheOptions takes an ISystemClock, not a TimeProvider.
    private sealed class Clock(TimeProvider timeProvider) : ISystemClock
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
}
