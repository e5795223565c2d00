using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Closes check-ins whose time is up, once the fold after their close has counted their last waiting ballots: marks them closed, destroys their salts (so
/// participation can never be recomputed) and turns the shared card into its closed view. Safe to run on several
/// instances at once.
/// </summary>
public sealed class CheckInCloser(
    ICheckInStore checkIns,
    IBallotBox ballots,
    OpenCheckInCache openCheckIns,
    SharedCardUpdater sharedCards,
    IOptions<FoldOptions> foldOptions,
    TimeProvider timeProvider,
    ILogger<CheckInCloser> logger)
{
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var closed = 0;
        await foreach (var checkIn in checkIns.ListDueToCloseAsync(now, cancellationToken))
        {
            if (!await IsSettledAsync(checkIn, now, cancellationToken))
            {
                continue;
            }

            // Only the instance whose conditional close wins updates the card.
            openCheckIns.Evict(checkIn.TenantId, checkIn.CheckInId);
            if (await checkIns.CloseAsync(checkIn.TenantId, checkIn.CheckInId, now, cancellationToken))
            {
                closed++;
                await sharedCards.UpdateNowAsync(checkIn, cancellationToken);
            }
        }

        if (closed > 0)
        {
            CheckInsLog.CheckInsClosed(logger, closed);
        }

        return closed;
    }

    /// <summary>
    /// Whether every accepted ballot is counted, so the final results are final. A ballot another fold holds (or one
    /// whose vote died between its two writes and was never acknowledged) can keep it short: after the grace the
    /// check-in closes anyway, with a warning, rather than never.
    /// </summary>
    private async Task<bool> IsSettledAsync(CheckIn checkIn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var participants = await ballots.CountParticipantsAsync(checkIn.TenantId, checkIn.CheckInId, cancellationToken);
        var counted = (await ballots.GetTallyAsync(checkIn.TenantId, checkIn.CheckInId, cancellationToken)).Replies;
        if (counted >= participants)
        {
            return true;
        }

        if (now >= checkIn.ClosesAt + foldOptions.Value.SettleGrace)
        {
            CheckInsLog.ClosedWithBallotsMissing(logger, participants - counted);
            return true;
        }

        return false;
    }
}
