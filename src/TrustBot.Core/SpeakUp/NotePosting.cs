namespace TrustBot.Core.SpeakUp;

/// <summary>
/// How far the channel posts of a session's releases have got. The release job hands the posts of releases
/// <see cref="QueuedThrough"/>+1 … <see cref="PlannedThrough"/> to the scheduler in the occurrence due at
/// <see cref="PlannedFor"/>; the scheduler moves an occurrence on only after it queued all its sends, so a later
/// occurrence knows them queued. Without this, the job would hand every release over again on every run and lean on
/// idempotency records that expire.
/// </summary>
/// <param name="QueuedThrough">Releases up to this number are known to be queued (or not to be posted).</param>
/// <param name="PlannedThrough">Releases up to this number were handed to the occurrence due at <see cref="PlannedFor"/>.</param>
/// <param name="PlannedFor">The due time of that occurrence; null when nothing waits for confirmation.</param>
public sealed record NotePosting(int QueuedThrough, int PlannedThrough, DateTimeOffset? PlannedFor)
{
    public static NotePosting None { get; } = new(0, 0, null);

    /// <summary>
    /// What is known queued when the occurrence due at <paramref name="dueAt"/> runs: a plan made for another occurrence
    /// was queued before that occurrence was moved on.
    /// </summary>
    public int QueuedAsOf(DateTimeOffset dueAt) =>
        PlannedFor is { } planned && planned != dueAt ? Math.Max(QueuedThrough, PlannedThrough) : QueuedThrough;
}
