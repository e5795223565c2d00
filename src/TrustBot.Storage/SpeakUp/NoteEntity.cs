using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// The rows of Notes, read and written as plain table entities: PartitionKey = tenant | session (see
/// <see cref="PartitionKeyFor"/>), RowKey = the note's random id, and only InstallationKey, Text, StoredAt and, once
/// released, Release and ReleasedAt. Nothing here names or identifies the author; the storage time has been decoupled
/// from the submission by the random queue delay, and the release time is shared by the whole group. The session's
/// release record shares the partition under <see cref="NoteReleaseEntity.RecordRowKey"/>.
/// </summary>
internal static class NoteEntity
{
    public const string InstallationKey = nameof(InstallationKey);
    public const string Text = nameof(Text);
    public const string StoredAt = nameof(StoredAt);

    /// <summary>The group the note was released in; missing while it is held.</summary>
    public const string Release = nameof(Release);

    public const string ReleasedAt = nameof(ReleasedAt);

    // Set on rows re-posted one by one before notes were released in groups: they were shown, so they count as released.
    private const string Reposted = nameof(Reposted);

    private const char Separator = '|';

    /// <summary>
    /// Tenant and session joined by '|'. Each part also escapes '|' (after <see cref="TableKeys.Escape"/> has escaped
    /// '%'), so no tenant/session pair can spell another pair's key.
    /// </summary>
    public static string PartitionKeyFor(string tenantId, string sessionId) =>
        EscapePart(tenantId) + Separator + EscapePart(sessionId);

    /// <summary>
    /// The columns a stored note is written with. Without the release columns, so that merging it into an existing row
    /// (a redelivered queue message) never undoes a release and shows the note twice.
    /// </summary>
    public static TableEntity ContentOf(Note note) => new(PartitionKeyFor(note.TenantId, note.SessionId), TableKeys.Escape(note.NoteId))
    {
        [InstallationKey] = note.InstallationKey,
        [Text] = note.Text,
        [StoredAt] = note.StoredAt.ToUniversalTime(),
    };

    /// <summary>The merge that puts the note into release <paramref name="release"/>.</summary>
    public static TableEntity ReleaseOf(string partitionKey, string noteId, int release, DateTimeOffset at) => new(partitionKey, TableKeys.Escape(noteId))
    {
        [Release] = release,
        [ReleasedAt] = at.ToUniversalTime(),
    };

    public static Note ToNote(TableEntity row, string tenantId, string sessionId)
    {
        var release = row.GetInt32(Release) ?? (row.GetBoolean(Reposted) == true ? 0 : null);
        return new Note(
            tenantId,
            row.GetString(InstallationKey) ?? "",
            sessionId,
            TableKeys.Unescape(row.RowKey),
            row.GetString(Text) ?? "",
            row.GetDateTimeOffset(StoredAt) ?? default)
        {
            Release = release,
            ReleasedAt = row.GetDateTimeOffset(ReleasedAt),
        };
    }

    private static string EscapePart(string value) =>
        TableKeys.Escape(value).Replace("|", "%7C", StringComparison.Ordinal);
}
