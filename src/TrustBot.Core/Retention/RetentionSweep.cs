using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustBot.Core.Retention;

/// <summary>
/// One pass of retention: deletes speak-up notes past <see cref="RetentionOptions.NotesMaxAge"/>, then erases every
/// installation removed longer than <see cref="RetentionOptions.RemovedTeamGracePeriod"/> ago, then deletes the
/// delivery machinery's rows past their ages (expired leases, idempotency records, dead letters) and the launch
/// counters of days long over. Aggregates
/// (check-ins and their tallies) of teams that still have the app are never touched.
/// </summary>
public sealed class RetentionSweep(
    IRetentionStore store,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionSweep> logger)
{
    public async Task<RetentionSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();

        var notes = await store.DeleteNotesStoredBeforeAsync(now - settings.NotesMaxAge, cancellationToken);
        RetentionLog.NotesDeleted(logger, notes, settings.NotesMaxAge);

        var removedBefore = now - settings.RemovedTeamGracePeriod;
        var removed = await store.ListRemovedBeforeAsync(removedBefore, cancellationToken);
        RetentionLog.RemovedFound(logger, removed.Count, settings.RemovedTeamGracePeriod);

        var erased = 0;
        var failed = 0;
        foreach (var installation in removed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var erasure = await store.EraseTeamAsync(installation.TenantId, installation.Key, removedBefore, cancellationToken);
                if (erasure.Erased)
                {
                    erased++;
                    RetentionLog.TeamErased(logger, erasure.Total);
                }
                else
                {
                    RetentionLog.TeamKept(logger);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One team's failure must not keep the others' data past its time; this one stays listed until it is gone.
                failed++;
                RetentionLog.TeamEraseFailed(logger, exception.GetType().Name, exception);
            }
        }

        // After the teams: a failure here must not keep a removed team's data past its time.
        var cutoffs = new OperationalRowCutoffs(
            now - settings.ExpiredLeaseMaxAge,
            now - settings.IdempotencyMaxAge,
            now - settings.DeadLettersMaxAge,
            now - settings.LaunchCountsMaxAge);
        var operational = await store.DeleteExpiredOperationalRowsAsync(cutoffs, cancellationToken);
        RetentionLog.OperationalRowsDeleted(logger, operational);

        RetentionLog.SweepDone(logger, notes, erased, failed);
        return new RetentionSweepResult(notes, erased, failed, operational);
    }
}
