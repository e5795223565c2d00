namespace TrustBot.Core.Scheduling;

/// <summary>Where one claimed entry goes after its occurrence ran.</summary>
/// <param name="Entry">The entry as claimed (its version is the claim's).</param>
/// <param name="NextDueAt">
/// When the job is next due; null deletes the entry; the entry's own due time keeps it due and only gives the claim up,
/// so that the next tick tries the occurrence again.
/// </param>
public sealed record TimetableAdvance(TimetableEntry Entry, DateTimeOffset? NextDueAt)
{
    /// <summary>The occurrence failed: keep it due and give the claim up, so the next tick (anywhere) tries it again.</summary>
    public static TimetableAdvance Retry(TimetableEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new TimetableAdvance(entry, entry.DueAt);
    }
}
