using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.Scheduling;

/// <summary>
/// One pass of the scheduler: runs every due timetable entry this instance can claim, queues the sends it plans
/// (once per idempotency key), and moves the entry on. Any number of instances may tick at once; the occurrence
/// lease keeps them from running the same occurrence together, and the idempotency record keeps a rerun after a
/// crash from queuing a send that was already queued and settled.
/// </summary>
public sealed class SchedulerTick(
    ITimetable timetable,
    ILeaseStore leases,
    IIdempotencyStore idempotency,
    IOutbox outbox,
    IServiceScopeFactory scopes,
    DeliveryInstance instance,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<SchedulerTick> logger)
{
    /// <summary>
    /// Runs the due entries of one batch, up to <see cref="DeliveryOptions.TickConcurrency"/> at once; returns how many
    /// occurrences this instance ran.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = await timetable.ListDueAsync(timeProvider.GetUtcNow(), settings.TickBatch, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // Occurrences are independent (each has its own lease and idempotency keys) and each waits mostly on storage
        // round trips, so a pass runs several at once; one after another, a large fan-out would trail the rate limit.
        var next = -1;
        var ran = 0;
        var lanes = new Task[Math.Min(settings.TickConcurrency, due.Count)];
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] = RunLaneAsync();
        }

        await Task.WhenAll(lanes);

        if (ran > 0)
        {
            SchedulingLog.TickRan(logger, ran, ran == 1 ? "occurrence" : "occurrences");
        }

        return ran;

        async Task RunLaneAsync()
        {
            // Jobs may depend on scoped services (the messenger is scoped), which are not meant to be shared between
            // concurrent callers, so each lane has its own scope for the entries it takes.
            await using var scope = scopes.CreateAsyncScope();
            var jobs = JobsByKind(scope.ServiceProvider);
            int index;
            while ((index = Interlocked.Increment(ref next)) < due.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = due[index];
                try
                {
                    if (await RunOccurrenceAsync(entry, jobs, settings, cancellationToken))
                    {
                        Interlocked.Increment(ref ran);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The entry keeps its due time, so the next tick (here or on another instance) tries it again.
                    SchedulingLog.OccurrenceFailed(logger, entry.Kind, exception.GetType().Name, exception);
                }
            }
        }
    }

    private async Task<bool> RunOccurrenceAsync(
        TimetableEntry entry, Dictionary<string, IScheduledJob> jobs, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync("occurrence:" + entry.OccurrenceKey, instance.Id, settings.LeaseDuration, cancellationToken);
        if (lease is null)
        {
            SchedulingLog.OccurrenceHeld(logger, entry.Kind);
            return false;
        }

        try
        {
            // The listing may be stale: another instance can have run this occurrence and released its lease since.
            var current = await timetable.GetAsync(entry.TenantId, entry.InstallationKey, entry.Job, cancellationToken);
            if (current is null || current.Version != entry.Version || current.DueAt != entry.DueAt)
            {
                SchedulingLog.OccurrenceAlreadyHandled(logger, entry.Kind);
                return false;
            }

            if (!jobs.TryGetValue(entry.Kind, out var job))
            {
                SchedulingLog.UnknownJobKind(logger, entry.Kind);
                await timetable.TryAdvanceAsync(entry, null, cancellationToken);
                return true;
            }

            var run = await job.RunAsync(entry, cancellationToken);
            foreach (var send in run.Sends)
            {
                await QueueOnceAsync(send, cancellationToken);
            }

            SchedulingLog.OccurrenceQueued(logger, entry.Kind, run.Sends.Count);
            if (!await timetable.TryAdvanceAsync(entry, run.NextDueAt, cancellationToken))
            {
                // A replan or another instance moved it; its sends are queued under keys that stay unique.
                SchedulingLog.OccurrenceNotAdvanced(logger, entry.Kind);
            }

            return true;
        }
        finally
        {
            await ReleaseAsync(lease);
        }
    }

    private async Task QueueOnceAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        if (await idempotency.TryBeginAsync(send.IdempotencyKey, cancellationToken))
        {
            await outbox.EnqueueAsync(send, null, cancellationToken);
            return;
        }

        // Begun before: either queued and settled, or the instance that began it died before it queued. Queuing a
        // pending send again may leave two copies in the queue, which the worker's idempotency check makes harmless.
        var record = await idempotency.GetAsync(send.IdempotencyKey, cancellationToken);
        if (record is null || record.State == IdempotencyStates.Pending)
        {
            SchedulingLog.SendRequeued(logger, send.Kind);
            await outbox.EnqueueAsync(send, null, cancellationToken);
        }
    }

    private async Task ReleaseAsync(Lease lease)
    {
        try
        {
            // Not the caller's token: a stopping host should still give the claim back rather than leave it to expire.
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception exception)
        {
            SchedulingLog.ReleaseFailed(logger, exception);
        }
    }

    private static Dictionary<string, IScheduledJob> JobsByKind(IServiceProvider services)
    {
        var jobs = new Dictionary<string, IScheduledJob>(StringComparer.Ordinal);
        foreach (var job in services.GetServices<IScheduledJob>())
        {
            jobs.TryAdd(job.Kind, job);
        }

        return jobs;
    }
}
