using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// One fold of the waiting ballots, on one instance at a time (so a box's due ballots are folded as one group, not
/// split between instances), followed by the refresh of the shared card of every open check-in whose counts moved,
/// queued through the outbox once per check-in and fold time.
/// </summary>
public sealed class BallotFoldJob(
    IBallotFolder folder,
    ICheckInStore checkIns,
    OutboxSends sends,
    ILeaseStore leases,
    DeliveryInstance instance,
    ILogger<BallotFoldJob> logger)
{
    public const string LeaseResource = "ballots:fold";

    // Longer than a fold takes, and short: a holder that dies (or cannot release it in an outage) holds up the
    // folds only until it expires.
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Folds what has come due by <paramref name="foldTime"/>; returns how many ballots were counted (0 when another
    /// instance is folding).
    /// </summary>
    public async Task<int> RunAsync(DateTimeOffset foldTime, CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync(LeaseResource, instance.Id, Hold, cancellationToken);
        if (lease is null)
        {
            return 0;
        }

        IReadOnlyList<FoldedBallots> folded;
        try
        {
            folded = await folder.FoldDueAsync(cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }

        var ballots = 0;
        foreach (var box in folded)
        {
            ballots += box.Ballots;
            await QueueCardRefreshAsync(box, foldTime, cancellationToken);
        }

        return ballots;
    }

    private async Task QueueCardRefreshAsync(FoldedBallots box, DateTimeOffset foldTime, CancellationToken cancellationToken)
    {
        try
        {
            // Speak-up prompts are ballot boxes too; they have no check-in, and their card shows no count.
            if (await checkIns.GetAsync(box.TenantId, box.BallotBoxId, cancellationToken) is { Status: CheckInStatus.Open, ActivityId: not null } checkIn)
            {
                await sends.QueueOnceAsync(SharedCards.AfterFold(checkIn, foldTime), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The counts are folded; the card catches up at the next fold or at close.
            CheckInsLog.SharedCardRefreshNotQueued(logger, exception.GetType().Name);
        }
    }
}
