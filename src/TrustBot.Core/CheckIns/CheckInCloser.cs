using Microsoft.Extensions.Logging;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Closes check-ins whose time is up: marks them closed, destroys their salts (so participation can never be
/// recomputed) and turns the shared card into its closed view. Safe to run on several instances at once.
/// </summary>
public sealed class CheckInCloser(
    ICheckInStore checkIns,
    OpenCheckInCache openCheckIns,
    SharedCardUpdater sharedCards,
    TimeProvider timeProvider,
    ILogger<CheckInCloser> logger)
{
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var closed = 0;
        await foreach (var checkIn in checkIns.ListDueToCloseAsync(now, cancellationToken))
        {
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
            CoreLog.CheckInsClosed(logger, closed);
        }

        return closed;
    }
}
