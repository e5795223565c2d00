namespace TrustBot.Core.Retention;

/// <summary>The deletions retention asks of storage. Every method is safe to repeat after a crash or alongside itself.</summary>
public interface IRetentionStore
{
    /// <summary>Deletes every speak-up note stored before <paramref name="cutoff"/>, in all tenants; returns how many.</summary>
    Task<int> DeleteNotesStoredBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes leases, idempotency records, dead letters and launch counters older than their cutoffs, in all tenants;
    /// returns how many. A row written again between the listing and the delete (a lease renewed) is kept.
    /// </summary>
    Task<int> DeleteExpiredOperationalRowsAsync(OperationalRowCutoffs cutoffs, CancellationToken cancellationToken);

    /// <summary>Installations, in all tenants, that are removed (not reinstalled) and were removed at or before <paramref name="cutoff"/>.</summary>
    Task<IReadOnlyList<RemovedInstallation>> ListRemovedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every row that belongs to the installation, its own row last, but only while it is still removed and was
    /// removed at or before <paramref name="removedBefore"/>: this is checked again here, and the final delete is
    /// conditional on the version checked, so a reinstall that happened since the listing is never erased.
    /// </summary>
    Task<TeamErasure> EraseTeamAsync(string tenantId, string key, DateTimeOffset removedBefore, CancellationToken cancellationToken);
}
