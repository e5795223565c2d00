using Microsoft.Extensions.Caching.Memory;
using TrustBot.Core.Caching;

namespace TrustBot.Core.Anonymity;

/// <summary>
/// Shares one tally read, and one participant count, among the voters of a busy check-in for a short while. A cached
/// figure can only be behind, never ahead (counts only grow), so the threshold gate stays on the safe side: results may
/// open a moment later, never earlier. Voters who find the entry stale at the same moment wait for one read together
/// instead of each reading for themselves. A lifetime of zero reads storage every time.
/// </summary>
public sealed class TallyCache(IBallotBox ballots, TimeProvider timeProvider) : IDisposable
{
    /// <summary>Ballot boxes remembered at most, per figure; past it the least recently used make room.</summary>
    internal const int MaxEntries = 4096;

    private readonly SharedReads<Tally> _tallies = new(timeProvider);
    private readonly SharedReads<int> _participants = new(timeProvider);

    public Task<Tally> GetAsync(string tenantId, string ballotBoxId, TimeSpan maxAge, CancellationToken cancellationToken) =>
        _tallies.GetAsync((tenantId, ballotBoxId), maxAge, () => ballots.GetTallyAsync(tenantId, ballotBoxId, CancellationToken.None), cancellationToken);

    /// <summary>How many people took part (folded or waiting), shared the same way; it may lag by the lifetime, never run ahead.</summary>
    public Task<int> GetParticipantsAsync(string tenantId, string ballotBoxId, TimeSpan maxAge, CancellationToken cancellationToken) =>
        _participants.GetAsync((tenantId, ballotBoxId), maxAge, () => ballots.CountParticipantsAsync(tenantId, ballotBoxId, CancellationToken.None), cancellationToken);

    public void Dispose()
    {
        _tallies.Dispose();
        _participants.Dispose();
    }

    /// <summary>Per ballot box: the last value read and when, and the read in flight that every stale caller awaits.</summary>
    private sealed class SharedReads<T>(TimeProvider timeProvider) : IDisposable
    {
        private readonly MemoryCache _values = BoundedMemoryCache.Create(MaxEntries, timeProvider);
        private readonly SharedRead<(string, string), T> _reads = new();

        public async Task<T> GetAsync((string, string) key, TimeSpan maxAge, Func<Task<T>> read, CancellationToken cancellationToken)
        {
            if (maxAge <= TimeSpan.Zero)
            {
                return await read().WaitAsync(cancellationToken);
            }

            // Checked against this caller's lifetime, not only the one the entry was stored with.
            if (_values.TryGetValue(key, out (T Value, DateTimeOffset ReadAt) cached) && timeProvider.GetUtcNow() - cached.ReadAt < maxAge)
            {
                return cached.Value;
            }

            return await _reads.RunAsync(key, () => ReadAndKeepAsync(key, maxAge, read), cancellationToken);
        }

        public void Dispose() => _values.Dispose();

        private async Task<T> ReadAndKeepAsync((string, string) key, TimeSpan maxAge, Func<Task<T>> read)
        {
            var readAt = timeProvider.GetUtcNow();
            var value = await read();
            BoundedMemoryCache.Keep(_values, MaxEntries, key, (value, readAt), readAt + maxAge);
            return value;
        }
    }
}
