using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.Scheduling;

/// <summary>
/// One pass of the scheduler: claims a batch of due timetable entries, runs each claimed occurrence's job, queues the
/// sends it plans, and then moves every entry on in as few writes as the timetable allows. Any number of instances may
/// tick at once: the claim (conditional on the version listed) keeps them from running one occurrence together.
/// </summary>
/// <remarks>
/// Sends are queued before the entry moves on, so a crash in between loses nothing: the claim runs out, the occurrence
/// runs again and queues the same idempotency keys again, and the outbox worker's claim on each key lets only one copy
/// be sent. Nothing here retries a storage call: the storage client does that, and a failed occurrence is tried again
/// by the next tick.
/// </remarks>
public sealed class SchedulerTick(
    ITimetable timetable,
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
        var now = timeProvider.GetUtcNow();
        var claimed = await timetable.ClaimDueAsync(now, settings.TickBatch, instance.Id, now + settings.LeaseDuration, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        // Every claimed entry gets an advance: where its job moved it, or (failed, or never started because the host is
        // stopping) back to its own due time, which gives the claim up at once instead of leaving it to run out.
        var advances = claimed.Select(TimetableAdvance.Retry).ToArray();
        var ran = 0;
        try
        {
            ran = await RunClaimedAsync(claimed, advances, settings, cancellationToken);
        }
        finally
        {
            await SettleAsync(advances);
        }

        if (ran > 0)
        {
            SchedulingLog.TickRan(logger, ran, ran == 1 ? "occurrence" : "occurrences");
        }

        return ran;
    }

    // Occurrences are independent and each waits mostly on storage round trips, so a pass runs several at once; one
    // after another, a large fan-out would trail the rate limit.
    private async Task<int> RunClaimedAsync(
        IReadOnlyList<TimetableEntry> claimed, TimetableAdvance[] advances, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        var next = -1;
        var ran = 0;
        var lanes = new Task[Math.Min(settings.TickConcurrency, claimed.Count)];
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] = RunLaneAsync();
        }

        await Task.WhenAll(lanes);
        return ran;

        async Task RunLaneAsync()
        {
            // Jobs may depend on scoped services (the messenger is scoped), which are not meant to be shared between
            // concurrent callers, so each lane has its own scope for the entries it takes.
            await using var scope = scopes.CreateAsyncScope();
            var jobs = JobsByKind(scope.ServiceProvider);
            int index;
            while ((index = Interlocked.Increment(ref next)) < claimed.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = claimed[index];
                try
                {
                    advances[index] = await RunOccurrenceAsync(entry, jobs, cancellationToken);
                    Interlocked.Increment(ref ran);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The entry keeps its due time and its claim is given up, so the next tick (anywhere) tries it again.
                    SchedulingLog.OccurrenceFailed(logger, entry.Kind, exception.GetType().Name, exception);
                }
            }
        }
    }

    private async Task<TimetableAdvance> RunOccurrenceAsync(
        TimetableEntry entry, Dictionary<string, IScheduledJob> jobs, CancellationToken cancellationToken)
    {
        if (!jobs.TryGetValue(entry.Kind, out var job))
        {
            SchedulingLog.UnknownJobKind(logger, entry.Kind);
            return new TimetableAdvance(entry, null);
        }

        var run = await job.RunAsync(entry, cancellationToken);
        foreach (var send in run.Sends)
        {
            // No "begun" record first: a copy queued twice (after a crash, or by a claim that ran out) is harmless,
            // because the outbox worker claims each idempotency key before it sends.
            await outbox.EnqueueAsync(send, null, cancellationToken);
        }

        SchedulingLog.OccurrenceQueued(logger, entry.Kind, run.Sends.Count);
        return new TimetableAdvance(entry, run.NextDueAt);
    }

    private async Task SettleAsync(TimetableAdvance[] advances)
    {
        try
        {
            // Not the caller's token: a stopping host should still move its entries on or give their claims back.
            var moved = await timetable.TryAdvanceAllAsync(advances, CancellationToken.None);
            if (moved < advances.Length)
            {
                // A replan or a takeover after a claim ran out changed them; their sends are queued under keys that stay unique.
                SchedulingLog.OccurrencesNotAdvanced(logger, advances.Length - moved);
            }
        }
        catch (Exception exception)
        {
            // The claims run out on their own; the occurrences then run again, and their sends are not made twice.
            SchedulingLog.SettleFailed(logger, exception);
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
