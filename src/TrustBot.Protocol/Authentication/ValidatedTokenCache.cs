using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TrustBot.Protocol.Authentication;

/// <summary>
/// Remembers tokens that passed full validation. The Bot Connector reuses one token for up to an hour, and the same
/// bytes verify the same way against the same key set, so a hit spares the RSA check. A hit still requires the
/// token to be within its lifetime (plus skew) by the injected clock, and the key set to be the very one it was
/// verified against: a metadata refresh (key rotation) sends every token back through full validation.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider timeProvider, int capacity = ValidatedTokenCache.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public BotTokenResult? Find(string token, OpenIdConnectConfiguration keys)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (!ReferenceEquals(entry.Keys, keys) || timeProvider.GetUtcNow() > entry.ValidUntil)
        {
            _entries.TryRemove(token, out _);
            return null;
        }

        return entry.Result;
    }

    public void Add(string token, OpenIdConnectConfiguration keys, BotTokenResult result, DateTimeOffset validUntil)
    {
        // Bounded without bookkeeping: tokens are few and long-lived, so starting over when full costs one RSA check each.
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[token] = new Entry(keys, result, validUntil);
    }

    private sealed record Entry(OpenIdConnectConfiguration Keys, BotTokenResult Result, DateTimeOffset ValidUntil);
}
