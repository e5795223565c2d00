using Azure;
using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// Releasing notes in groups. A group is one entity-group transaction in the session's notes partition: each note of
/// the group gets the release number and time, and the release record moves on, conditional on the version the caller
/// read. So a group is released whole or not at all, two instances can never release the same note twice or under
/// the same number, and a crash leaves nothing half done.
/// </summary>
internal sealed partial class TableSpeakUpStore
{
    public async Task<NoteReleaseState> GetReleaseStateAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        // One query for the notes and the record: the record's version guards whatever the notes looked like.
        var partitionKey = NoteEntity.PartitionKeyFor(tenantId, sessionId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var notes = new List<Note>();
        TableEntity? record = null;
        await foreach (var row in _notes.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == NoteReleaseEntity.RecordRowKey)
            {
                record = row;
            }
            else
            {
                notes.Add(NoteEntity.ToNote(row, tenantId, sessionId));
            }
        }

        if (record is null)
        {
            return NoteReleaseState.Empty(tenantId, sessionId, notes);
        }

        var (releases, posting) = NoteReleaseEntity.Read(record);
        return new NoteReleaseState(tenantId, sessionId, notes, releases, posting, record.ETag.ToString());
    }

    public async Task<bool> CommitReleaseAsync(NoteReleaseState seen, NoteReleaseUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(update);
        if (update.NoteIds.Count > NoteReleasePolicy.MaxGroup)
        {
            throw new ArgumentException($"A group holds at most {NoteReleasePolicy.MaxGroup} notes.", nameof(update));
        }

        var partitionKey = NoteEntity.PartitionKeyFor(seen.TenantId, seen.SessionId);
        var record = NoteReleaseEntity.From(partitionKey, seen, update);
        var release = seen.Releases + 1;
        var actions = new List<TableTransactionAction>(update.NoteIds.Count + 1)
        {
            // Add fails when someone wrote the first record meanwhile; a replace fails when anyone changed it since.
            seen.Version is null
                ? new TableTransactionAction(TableTransactionActionType.Add, record)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, record, new ETag(seen.Version)),
        };

        // A merge that must find its row: a note erased meanwhile fails the group, and the next read leaves it out.
        actions.AddRange(update.NoteIds.Select(id =>
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, NoteEntity.ReleaseOf(partitionKey, id, release, update.At), ETag.All)));
        try
        {
            await _notes.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            logger.ReleaseConflict(exception.Status);
            return false;
        }

        if (update.NoteIds.Count > 0)
        {
            logger.NotesReleased(update.NoteIds.Count);
        }

        return true;
    }
}
