using Microsoft.Extensions.Options;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Retention;

/// <summary>
/// Runs the <see cref="RetentionSweep"/> every <see cref="RetentionOptions.SweepInterval"/> as a service-wide timetable
/// job: the occurrence lease and the conditional advance make it one sweep per interval however many instances tick.
/// Every deletion is safe to repeat, so a sweep cut off (or one that outlives its lease and is run again elsewhere)
/// does no harm; a failed one stays due and the next tick tries again.
/// </summary>
public sealed class RetentionSweepJob(RetentionSweep sweep, IOptions<RetentionOptions> options, TimeProvider timeProvider) : IServiceJob
{
    /// <summary>The timetable job kind (service-wide, no subject).</summary>
    public const string JobKind = "retention-sweep";

    public string Kind => JobKind;

    // One interval on: the data a sweep deletes has been waiting months, so a first sweep right at the first start
    // would change nothing that an interval later does not.
    public DateTimeOffset FirstDueAt(DateTimeOffset now) => now + options.Value.SweepInterval;

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        // The sweep logs its own counts; it queues nothing.
        await sweep.RunAsync(cancellationToken);
        return new JobRun([], timeProvider.GetUtcNow() + options.Value.SweepInterval);
    }
}
