using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// One fold of the waiting ballots, on one instance at a time (so a box's due ballots are folded as one group, not
/// split between instances), followed by the shared card of every open check-in whose counts moved.
/// </summary>
public sealed class BallotFoldJob(
    IBallotFolder folder,
    ICheckInStore checkIns,
    SharedCardUpdater sharedCards,
    ILeaseStore leases,
    DeliveryInstance instance,
    ILogger<BallotFoldJob> logger)
{
    public const string LeaseResource = "ballots:fold";

    // Longer than a fold takes, and short: a holder that dies (or cannot release it in an outage) holds up the
    // folds only until it expires.
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    /// <summary>Folds what has come due; returns how many ballots were counted (0 when another instance is folding).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
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
            await RefreshSharedCardAsync(box, cancellationToken);
        }

        return ballots;
    }

    private async Task RefreshSharedCardAsync(FoldedBallots box, CancellationToken cancellationToken)
    {
        try
        {
            // Speak-up prompts are ballot boxes too; they have no check-in, and their card shows no count.
            if (await checkIns.GetAsync(box.TenantId, box.BallotBoxId, cancellationToken) is { Status: CheckInStatus.Open } checkIn)
            {
                await sharedCards.UpdateNowAsync(checkIn, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The counts are folded; the card catches up at the next fold or at close.
            CheckInsLog.SharedCardUpdateFailed(logger, exception.GetType().Name);
        }
    }
}
