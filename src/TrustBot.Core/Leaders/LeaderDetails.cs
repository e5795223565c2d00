using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Caching;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Keeps each leader's Entra object id, display name and client time zone current from the messages they send. What was seen is
/// remembered per person for <see cref="FreshFor"/>, so a chatty person costs one storage query per window, not per
/// message. Register as a singleton.
/// </summary>
public sealed class LeaderDetails(ILeaderStore leaders, TimeProvider timeProvider, ILogger<LeaderDetails> logger) : IDisposable
{
    /// <summary>How long details seen once are taken to be stored already.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(10);

    /// <summary>People remembered at most; past it, expired entries go, then the least recently seen.</summary>
    public const int Capacity = 10_000;

    private readonly MemoryCache _fresh = BoundedMemoryCache.Create(Capacity, timeProvider);

    /// <summary>
    /// Stores <paramref name="fromAadObjectId"/>, <paramref name="fromName"/> and <paramref name="clientTimeZone"/> (each
    /// when given) on every team the person leads, writing only rows where a value changed. Never throws for a storage failure: it is logged,
    /// because a refresh must never stop the message that carried the details from being handled.
    /// </summary>
    public async Task RefreshAsync(
        PersonLeadership leadership, string tenantId, string? fromId, string? fromAadObjectId, string? fromName, string? clientTimeZone, CancellationToken cancellationToken)
    {
        var person = string.IsNullOrEmpty(fromId) ? fromAadObjectId : fromId;
        if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(person))
        {
            return;
        }

        var key = (tenantId, person);
        var name = string.IsNullOrWhiteSpace(fromName) ? null : fromName.Trim();
        var now = timeProvider.GetUtcNow();
        // The memory cache drops an entry at its Until, by the same clock.
        if (_fresh.TryGetValue(key, out Seen? seen) && seen is not null && seen.Covers(fromAadObjectId, name, clientTimeZone))
        {
            return;
        }

        try
        {
            ArgumentNullException.ThrowIfNull(leadership);
            var rows = await leadership.ListAsync(tenantId, fromId, fromAadObjectId, cancellationToken);
            var updated = 0;
            foreach (var leader in rows)
            {
                var fresh = leader with
                {
                    AadObjectId = string.IsNullOrEmpty(fromAadObjectId) ? leader.AadObjectId : fromAadObjectId,
                    Name = name ?? leader.Name,
                    TimeZoneId = string.IsNullOrEmpty(clientTimeZone) ? leader.TimeZoneId : clientTimeZone,
                };
                if (fresh != leader && await leaders.UpdateAsync(fresh, cancellationToken))
                {
                    updated++;
                }
            }

            BoundedMemoryCache.Keep(_fresh, Capacity, key, new Seen(fromAadObjectId, name, clientTimeZone), now + FreshFor);
            if (updated > 0)
            {
                LeadersLog.DetailsRefreshed(logger, updated);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LeadersLog.DetailsRefreshFailed(logger, exception.GetType().Name);
            LeadersLog.DetailsRefreshFailureDetail(logger, exception);
        }
    }

    /// <summary>Forgets what was seen of the person, so that their next message refreshes again (say, just made a leader).</summary>
    public void Forget(string tenantId, string userId) => _fresh.Remove((tenantId, userId));

    public void Dispose() => _fresh.Dispose();

    private sealed record Seen(string? AadObjectId, string? Name, string? TimeZoneId)
    {
        // A message without a value says nothing new about it.
        public bool Covers(string? aadObjectId, string? name, string? timeZoneId) =>
            (string.IsNullOrEmpty(aadObjectId) || string.Equals(aadObjectId, AadObjectId, StringComparison.OrdinalIgnoreCase))
            && (name is null || string.Equals(name, Name, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(timeZoneId) || string.Equals(timeZoneId, TimeZoneId, StringComparison.Ordinal));
    }
}
