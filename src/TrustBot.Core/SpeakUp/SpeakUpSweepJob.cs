using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// The safety net under each prompt's own timetable entries, a service-wide job every
/// <see cref="SpeakUpOptions.CloseInterval"/>: gives every open prompt its note-release job when it has none, and every
/// open prompt past its close a close entry when it has none (prompts from before these were planned, one whose
/// planning failed, or one whose entries went with a removed team's timetable), however long ago it closed. Listing
/// the due prompts also destroys the salts a cut-off close left behind.
/// </summary>
public sealed class SpeakUpSweepJob(
    ISpeakUpStore store,
    ITimetable timetable,
    NoteReleasePlanner releases,
    IOptions<SpeakUpOptions> options,
    TimeProvider timeProvider,
    ILogger<SpeakUpSweepJob> logger) : IServiceJob
{
    /// <summary>The timetable job kind (service-wide, no subject).</summary>
    public const string JobKind = "speakup-sweep";

    public string Kind => JobKind;

    // At once: after an outage, what closed meanwhile should not wait another interval.
    public DateTimeOffset FirstDueAt(DateTimeOffset now) => now;

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        // Releases first: a prompt that lacks its release job still gets it while it is listed as open.
        await releases.PlanMissingAsync(cancellationToken);

        var now = timeProvider.GetUtcNow();
        var planned = 0;
        await foreach (var session in store.ListDueToCloseAsync(now, cancellationToken))
        {
            try
            {
                if (await timetable.AddIfMissingAsync(SpeakUpCloseJob.EntryFor(session), cancellationToken))
                {
                    planned++;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One prompt's trouble must not hold back the others; the next pass tries again.
                SpeakUpLog.ClosePlanFailed(logger, exception.GetType().Name);
            }
        }

        if (planned > 0)
        {
            SpeakUpLog.ClosesPlanned(logger, planned);
        }

        return new JobRun([], now + options.Value.CloseInterval);
    }
}
