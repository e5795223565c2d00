using Azure;
using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// One row of Notes: PartitionKey = tenant | session (see <see cref="PartitionKeyFor"/>), RowKey = the note's random
/// id, and only InstallationKey, Text, StoredAt and Reposted. Nothing here names or identifies the author, and the only time
/// is the storage time, which the random queue delay has already decoupled from the submission.
/// </summary>
internal sealed class NoteEntity : ITableEntity
{
    private const char Separator = '|';

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string InstallationKey { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset StoredAt { get; set; }

    // Missing on rows stored before re-posting existed, which reads as not re-posted.
    public bool Reposted { get; set; }

    /// <summary>
    /// Tenant and session joined by '|'. Each part also escapes '|' (after <see cref="TableKeys.Escape"/> has escaped
    /// '%'), so no tenant/session pair can spell another pair's key.
    /// </summary>
    public static string PartitionKeyFor(string tenantId, string sessionId) =>
        EscapePart(tenantId) + Separator + EscapePart(sessionId);

    /// <summary>
    /// The columns a stored note is written with. Without <see cref="Reposted"/>, so that merging it into an existing
    /// row (a redelivered queue message) never undoes a re-post and posts the note twice.
    /// </summary>
    public static TableEntity ContentOf(Note note) => new(PartitionKeyFor(note.TenantId, note.SessionId), TableKeys.Escape(note.NoteId))
    {
        [nameof(InstallationKey)] = note.InstallationKey,
        [nameof(Text)] = note.Text,
        [nameof(StoredAt)] = note.StoredAt.ToUniversalTime(),
    };

    public Note ToNote(string tenantId, string sessionId) =>
        new(tenantId, InstallationKey, sessionId, TableKeys.Unescape(RowKey), Text, StoredAt) { Reposted = Reposted };

    private static string EscapePart(string value) =>
        TableKeys.Escape(value).Replace("|", "%7C", StringComparison.Ordinal);
}
