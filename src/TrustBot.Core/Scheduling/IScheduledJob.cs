namespace TrustBot.Core.Scheduling;

/// <summary>
/// Plans one kind of timetable job. Register implementations in DI as <see cref="IScheduledJob"/>; the scheduler tick
/// calls <see cref="RunAsync"/> once per due occurrence while holding that occurrence's lease.
/// </summary>
public interface IScheduledJob
{
    /// <summary>The job kind handled, one of <see cref="JobNames"/>.</summary>
    string Kind { get; }

    /// <summary>
    /// The sends this occurrence fans out to, and when the job is next due. It must not send anything itself and must
    /// give the same idempotency keys when the same occurrence is run again (after a crash), so that nothing is sent twice.
    /// </summary>
    Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken);
}
