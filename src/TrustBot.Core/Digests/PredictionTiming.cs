using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Installations;

namespace TrustBot.Core.Digests;

/// <summary>
/// Decides, as a leader saves a prediction, where it stands against the check-in it will be compared with: the team's
/// newest posted check-in, or the next one once that one's time is up. Decided then and stored, because only then is
/// it known what the leader could see: the tally is the last published one, read with <see cref="IBallotBox.GetTallyAsync"/>.
/// </summary>
public sealed class PredictionTiming(ICheckInStore checkIns, IBallotBox ballots)
{
    public async Task<PredictionStanding> StandingAsync(Installation team, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        await foreach (var checkIn in checkIns.ListForInstallationAsync(team.TenantId, team.Key, cancellationToken))
        {
            // Closed without a card, it was never posted: nobody saw it, and the digest skips it too.
            if (checkIn.ActivityId is null && checkIn.Status == CheckInStatus.Closed)
            {
                continue;
            }

            if (!PredictionRule.MayHaveShownResults(checkIn, now))
            {
                return PredictionStanding.BeforeResults;
            }

            var tally = await ballots.GetTallyAsync(team.TenantId, checkIn.CheckInId, cancellationToken);
            return PredictionRule.Standing(checkIn, tally, team.Catalog(), now);
        }

        // The team has no check-in yet, so nothing can have been shown.
        return PredictionStanding.BeforeResults;
    }
}
