using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TrustBot.Core.Caching;
using TrustBot.Core.Questions;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Keeps an open check-in and its salt in memory for a few seconds, so a burst of votes does not read the same two
/// rows from storage for every ballot. An entry never outlives the check-in's closing time, closing on this instance
/// evicts it, and <see cref="CheckInOptions.CacheDuration"/> of zero turns the cache off.
/// </summary>
public sealed class OpenCheckInCache(ICheckInStore store, CheckInStatements statements, IOptions<CheckInOptions> options, TimeProvider timeProvider) : IDisposable
{
    /// <summary>Check-ins remembered at most; past it the least recently used make room.</summary>
    internal const int MaxEntries = 4096;

    private readonly MemoryCache _entries = BoundedMemoryCache.Create(MaxEntries, timeProvider);
    private readonly SharedRead<(string TenantId, string CheckInId), (CheckIn?, byte[]?, IReadOnlyList<Statement>)> _reads = new();

    /// <summary>
    /// The check-in (any status), its statements, and, while it is open, its salt; the check-in is null when it does
    /// not exist.
    /// </summary>
    public async Task<(CheckIn? CheckIn, byte[]? Salt, IReadOnlyList<Statement> Statements)> GetAsync(string tenantId, string checkInId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        // The memory cache expires an entry by the same clock, at the earlier of the lifetime and the closing time.
        if (_entries.TryGetValue((tenantId, checkInId), out Entry? cached) && cached is not null)
        {
            return (cached.CheckIn, cached.Salt, cached.Statements);
        }

        if (options.Value.CacheDuration <= TimeSpan.Zero)
        {
            return await ReadAsync(tenantId, checkInId, now, cancellationToken);
        }

        // A burst of votes on a check-in not in memory yet (a new one, or after the entry expired) waits for one read.
        return await _reads.RunAsync((tenantId, checkInId), () => ReadAsync(tenantId, checkInId, now, CancellationToken.None), cancellationToken);
    }

    public void Evict(string tenantId, string checkInId) => _entries.Remove((tenantId, checkInId));

    public void Dispose() => _entries.Dispose();

    private async Task<(CheckIn?, byte[]?, IReadOnlyList<Statement>)> ReadAsync(string tenantId, string checkInId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var checkIn = await store.GetAsync(tenantId, checkInId, cancellationToken);
        if (checkIn is null)
        {
            return (null, null, []);
        }

        var salt = checkIn.IsOpenAt(now) ? await store.GetSaltAsync(tenantId, checkInId, cancellationToken) : null;
        var asked = await statements.ResolveAsync(checkIn, cancellationToken);
        var ttl = options.Value.CacheDuration;
        if (salt is not null && ttl > TimeSpan.Zero)
        {
            var expiresAt = now + ttl < checkIn.ClosesAt ? now + ttl : checkIn.ClosesAt;
            BoundedMemoryCache.Keep(_entries, MaxEntries, (tenantId, checkInId), new Entry(checkIn, salt, asked), expiresAt);
        }

        return (checkIn, salt, asked);
    }

    private sealed record Entry(CheckIn CheckIn, byte[] Salt, IReadOnlyList<Statement> Statements);
}
