using Microsoft.Extensions.Logging;

namespace TrustBot.Protocol.Connector;

/// <summary>
/// The limiter's side of <see cref="IConnectorSendBudget"/>: asks it for slots, turns the grant into this process's
/// timestamps, and when it cannot be reached says so for <see cref="RetryAfter"/>, during which the limiter paces each
/// tenant on a local share of the app limit instead.
/// </summary>
internal sealed class SharedAppBudget(IConnectorSendBudget budget, TimeProvider timeProvider, int instances, ILogger logger)
{
    /// <summary>How long an unreachable schedule is left alone: not asked again on every send, but soon after it is back.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(15);

    /// <summary>A schedule that answers slower than this counts as unreachable: a send should not wait on it longer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    // The first granted slot is asked for no earlier than the last answer's round trip from now (up to this), so that
    // it has not passed by the time the answer is back.
    private static readonly TimeSpan MaxLead = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private long _unavailableUntil = long.MinValue;
    private bool _unavailable;
    private TimeSpan _lead;

    public int Instances => instances;

    public bool IsAvailable(long now)
    {
        lock (_gate)
        {
            return now >= _unavailableUntil;
        }
    }

    /// <summary>The first granted instant (in timestamp units) and how many follow it; null when the schedule failed.</summary>
    public async Task<(long First, int Count)?> ReserveAsync(string tenantId, int count, TimeSpan spacing)
    {
        var asked = timeProvider.GetTimestamp();
        var utcNow = timeProvider.GetUtcNow();
        TimeSpan lead;
        lock (_gate)
        {
            lead = _lead;
        }

        try
        {
            using var timeout = new CancellationTokenSource(Timeout, timeProvider);
            var grant = await budget.ReserveAsync(tenantId, count, spacing, utcNow + lead, timeout.Token);
            if (grant.Count <= 0)
            {
                throw new InvalidOperationException("The shared send schedule granted no slot.");
            }

            var roundTrip = timeProvider.GetElapsedTime(asked);
            bool recovered;
            lock (_gate)
            {
                _lead = roundTrip < MaxLead ? roundTrip : MaxLead;
                recovered = _unavailable;
                _unavailable = false;
            }

            if (recovered)
            {
                ConnectorLog.SharedBudgetRecovered(logger);
            }

            var first = asked + (long)Math.Ceiling((grant.First - utcNow).TotalSeconds * timeProvider.TimestampFrequency);
            return (first, Math.Min(grant.Count, count));
        }
        catch (Exception exception)
        {
            // Whatever the failure, sends go on at a share no set of instances can exceed together; the exception is
            // not logged, because a storage failure's message names the table and its keys.
            bool first;
            lock (_gate)
            {
                _unavailableUntil = timeProvider.GetTimestamp() + (long)Math.Ceiling(RetryAfter.TotalSeconds * timeProvider.TimestampFrequency);
                first = !_unavailable;
                _unavailable = true;
            }

            if (first)
            {
                ConnectorLog.SharedBudgetUnavailable(logger, exception.GetType().Name, instances, RetryAfter.TotalSeconds);
            }

            return null;
        }
    }
}
