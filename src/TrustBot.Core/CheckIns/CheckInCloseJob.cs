using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Closes one check-in (the job's subject) at its closing time, once the fold after it has counted its last waiting
/// ballots: marks it closed, destroys its salt (so participation can never be recomputed) and queues the card's
/// closed view. Planned by the launcher when the check-in opens, and by <see cref="CheckInCloseSweepJob"/> for one
/// past its close without an entry. Ends once the check-in is closed.
/// </summary>
public sealed class CheckInCloseJob(
    ICheckInStore checkIns,
    IBallotBox ballots,
    OpenCheckInCache openCheckIns,
    IOptions<FoldOptions> foldOptions,
    TimeProvider timeProvider,
    ILogger<CheckInCloseJob> logger) : IScheduledJob
{
    /// <summary>The timetable job kind; its subject is the check-in id.</summary>
    public const string JobKind = "checkin-close";

    // Past the fold's own delay, so that a look at the next fold time finds that fold done rather than under way.
    private static readonly TimeSpan AfterFold = TimeSpan.FromSeconds(1);

    public string Kind => JobKind;

    /// <summary>The close of <paramref name="checkIn"/>, due at its closing time.</summary>
    public static TimetableEntry EntryFor(CheckIn checkIn)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        return new TimetableEntry(checkIn.TenantId, checkIn.InstallationKey, JobNames.For(JobKind, checkIn.CheckInId), checkIn.ClosesAt);
    }

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var checkIn = entry.Subject is { } checkInId ? await checkIns.GetAsync(entry.TenantId, checkInId, cancellationToken) : null;
        if (checkIn is null || !string.Equals(checkIn.InstallationKey, entry.InstallationKey, StringComparison.Ordinal))
        {
            return new JobRun([], null);
        }

        var now = timeProvider.GetUtcNow();
        if (checkIn.Status == CheckInStatus.Open)
        {
            if (now < checkIn.ClosesAt)
            {
                return new JobRun([], checkIn.ClosesAt);
            }

            if (!await IsSettledAsync(checkIn, now, cancellationToken))
            {
                var folds = foldOptions.Value;
                return new JobRun([], FoldClock.NextFold(now, folds.FoldInterval) + folds.FoldDelay + AfterFold);
            }

            openCheckIns.Evict(checkIn.TenantId, checkIn.CheckInId);
            if (await checkIns.CloseAsync(checkIn.TenantId, checkIn.CheckInId, now, cancellationToken))
            {
                CheckInsLog.CheckInClosed(logger);
            }
        }

        // Also when it was closed before (by a run cut off before it queued, or one that lost the close to another):
        // the refresh is keyed by the check-in alone, so it is made once whoever gets here.
        return new JobRun(checkIn.ActivityId is null ? [] : [SharedCards.AtClose(checkIn)], null);
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
