namespace TrustBot.Core.Scheduling;

/// <summary>When every installation's jobs are next due, shared by all host instances. Every key starts with the tenant id.</summary>
public interface ITimetable
{
    /// <summary>Creates the entry or moves it to <see cref="TimetableEntry.DueAt"/> (unconditionally: plans and settings win).</summary>
    Task SetAsync(TimetableEntry entry, CancellationToken cancellationToken);

    /// <summary>Creates the entry only when the job has none; false when it already exists (its due time is kept).</summary>
    Task<bool> AddIfMissingAsync(TimetableEntry entry, CancellationToken cancellationToken);

    /// <summary>The entry of one job, or null.</summary>
    Task<TimetableEntry?> GetAsync(string tenantId, string installationKey, string job, CancellationToken cancellationToken);

    /// <summary>Entries (any tenant) due at or before <paramref name="now"/>, at most <paramref name="max"/>, earliest first.</summary>
    Task<IReadOnlyList<TimetableEntry>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the entry on to <paramref name="nextDueAt"/> (or deletes it when null) only while it is still the version
    /// <paramref name="entry"/> was read at; false when someone changed or removed it since.
    /// </summary>
    Task<bool> TryAdvanceAsync(TimetableEntry entry, DateTimeOffset? nextDueAt, CancellationToken cancellationToken);

    /// <summary>Deletes the entry of one job; nothing happens when there is none.</summary>
    Task RemoveAsync(string tenantId, string installationKey, string job, CancellationToken cancellationToken);

    /// <summary>All entries of one installation.</summary>
    IAsyncEnumerable<TimetableEntry> ListForInstallationAsync(string tenantId, string installationKey, CancellationToken cancellationToken);
}
