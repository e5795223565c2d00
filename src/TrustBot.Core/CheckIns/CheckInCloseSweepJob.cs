using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// The safety net under <see cref="CheckInCloseJob"/>, a service-wide job every <see cref="CheckInOptions.CloseInterval"/>:
/// gives every open check-in past its close a close entry when it has none (check-ins from before closes were
/// planned, one whose planning failed, or one whose entry went with a removed team's timetable), however long ago it
/// closed. Listing the due check-ins also destroys the salts a cut-off close left behind.
/// </summary>
public sealed class CheckInCloseSweepJob(
    ICheckInStore checkIns,
    ITimetable timetable,
    IOptions<CheckInOptions> options,
    TimeProvider timeProvider,
    ILogger<CheckInCloseSweepJob> logger) : IServiceJob
{
    /// <summary>The timetable job kind (service-wide, no subject).</summary>
    public const string JobKind = "checkin-close-sweep";

    public string Kind => JobKind;

    // At once: after an outage, what closed meanwhile should not wait another interval.
    public DateTimeOffset FirstDueAt(DateTimeOffset now) => now;

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var planned = 0;
        await foreach (var checkIn in checkIns.ListDueToCloseAsync(now, cancellationToken))
        {
            try
            {
                if (await timetable.AddIfMissingAsync(CheckInCloseJob.EntryFor(checkIn), cancellationToken))
                {
                    planned++;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One check-in's trouble must not hold back the others; the next pass tries again.
                CheckInsLog.ClosePlanFailed(logger, exception.GetType().Name);
            }
        }

        if (planned > 0)
        {
            CheckInsLog.ClosesPlanned(logger, planned);
        }

        return new JobRun([], now + options.Value.CloseInterval);
    }
}
