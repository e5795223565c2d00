using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// A session's release record, in its notes' partition so that a group's notes and the record change in one
/// transaction: how many groups were released and how far their channel posts got. Its RowKey is not the escape of
/// any id (a '%' is always followed by two hex digits there), so no note can share it. InstallationKey and StoredAt
/// (its last write) let team erasure and note retention find it like a note.
/// </summary>
internal static class NoteReleaseEntity
{
    public const string RecordRowKey = "%release";

    private const string Releases = nameof(Releases);
    private const string QueuedThrough = "PostsQueuedThrough";
    private const string PlannedThrough = "PostsPlannedThrough";
    // Ticks, not a date column: the mark must compare equal to the due time it was written from, to the tick.
    private const string PlannedFor = "PostsPlannedForTicks";

    public static TableEntity From(string partitionKey, NoteReleaseState seen, NoteReleaseUpdate update) =>
        new(partitionKey, RecordRowKey)
        {
            [NoteEntity.InstallationKey] = update.InstallationKey,
            [NoteEntity.StoredAt] = update.At.ToUniversalTime(),
            [Releases] = seen.Releases + (update.NoteIds.Count > 0 ? 1 : 0),
            [QueuedThrough] = update.Posting.QueuedThrough,
            [PlannedThrough] = update.Posting.PlannedThrough,
            [PlannedFor] = update.Posting.PlannedFor?.UtcTicks,
        };

    public static (int Releases, NotePosting Posting) Read(TableEntity row)
    {
        var plannedFor = row.GetInt64(PlannedFor) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
        return (row.GetInt32(Releases) ?? 0, new NotePosting(row.GetInt32(QueuedThrough) ?? 0, row.GetInt32(PlannedThrough) ?? 0, plannedFor));
    }
}
