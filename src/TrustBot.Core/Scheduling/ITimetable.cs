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
    /// Claims for <paramref name="owner"/> until <paramref name="until"/> up to <paramref name="max"/> entries due at or
    /// before <paramref name="now"/> that nobody holds (or whose claim has run out), earliest first, and returns them
    /// with the version the claim wrote. A claim is conditional on the version listed, so of several instances listing
    /// one entry at once only one gets it; an entry another instance changed meanwhile is simply not returned. Changing
    /// the entry in any way (advancing it, <see cref="SetAsync"/>) ends the claim.
    /// </summary>
    Task<IReadOnlyList<TimetableEntry>> ClaimDueAsync(
        DateTimeOffset now, int max, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="TryAdvanceAsync"/> for many entries at once (a tenant's in as few writes as the store allows); an
    /// advance to the entry's own due time only gives its claim up. Returns how many moved; the others had changed.
    /// </summary>
    Task<int> TryAdvanceAllAsync(IReadOnlyList<TimetableAdvance> advances, CancellationToken cancellationToken);

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
