using System.Collections.Concurrent;

namespace TrustBot.Core.Anonymity;

/// <summary>
/// Shares one tally read among the voters of a busy check-in for a short while. A cached tally can only be behind,
/// never ahead (counts only grow), so the threshold gate stays on the safe side: results may open a moment later,
/// never earlier. A lifetime of zero reads storage every time.
/// </summary>
public sealed class TallyCache(IBallotBox ballots, TimeProvider timeProvider)
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<(string TenantId, string BallotBoxId), (Tally Tally, DateTimeOffset ReadAt)> _entries = new();
    private readonly ConcurrentDictionary<(string TenantId, string BallotBoxId), (int Participants, DateTimeOffset ReadAt)> _participants = new();

    /// <summary>How many people took part (folded or waiting), shared the same way; it may lag by the lifetime, never run ahead.</summary>
    public async Task<int> GetParticipantsAsync(string tenantId, string ballotBoxId, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (maxAge > TimeSpan.Zero && _participants.TryGetValue((tenantId, ballotBoxId), out var cached) && now - cached.ReadAt < maxAge)
        {
            return cached.Participants;
        }

        var participants = await ballots.CountParticipantsAsync(tenantId, ballotBoxId, cancellationToken);
        if (maxAge > TimeSpan.Zero)
        {
            if (_participants.Count >= MaxEntries)
            {
                _participants.Clear();
            }

            _participants[(tenantId, ballotBoxId)] = (participants, now);
        }

        return participants;
    }

    public async Task<Tally> GetAsync(string tenantId, string ballotBoxId, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (maxAge > TimeSpan.Zero && _entries.TryGetValue((tenantId, ballotBoxId), out var cached) && now - cached.ReadAt < maxAge)
        {
            return cached.Tally;
        }

        var tally = await ballots.GetTallyAsync(tenantId, ballotBoxId, cancellationToken);
        if (maxAge > TimeSpan.Zero)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[(tenantId, ballotBoxId)] = (tally, now);
        }

        return tally;
    }
}
