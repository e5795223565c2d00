namespace TrustBot.Core.Scheduling;

/// <summary>One recurring or one-off job of an installation, and when it is next due.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="InstallationKey">The team (or chat) the job belongs to.</param>
/// <param name="Job">The job name, built with <see cref="JobNames"/>: a kind, optionally followed by <c>|</c> and a subject.</param>
/// <param name="DueAt">When the next occurrence is due.</param>
/// <param name="Version">The store's version (ETag) as read; null for an entry not read from the store.</param>
public sealed record TimetableEntry(string TenantId, string InstallationKey, string Job, DateTimeOffset DueAt, string? Version = null)
{
    /// <summary>The job's kind: the part of <see cref="Job"/> before any <c>|</c>.</summary>
    public string Kind => JobNames.KindOf(Job);

    /// <summary>The job's subject (a leader's user id, a check-in id), or null.</summary>
    public string? Subject => JobNames.SubjectOf(Job);

    /// <summary>The name of this occurrence, the same on every host: the base of its lease and idempotency keys.</summary>
    public string OccurrenceKey =>
        $"{TenantId}:{InstallationKey}:{Job}:{DueAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)}";
}
