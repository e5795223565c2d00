using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// Speak-up sessions, salts and notes in three tables (keys: see the entity types). Sessions and salts are keyed
/// tenant / session id; notes are partitioned by tenant | session and keyed by their random note id.
/// </summary>
internal sealed class TableSpeakUpStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TableSpeakUpStore> logger) : ISpeakUpStore
{
    private readonly TableClient _sessions = tableService.GetTableClient(options.Value.TableName(TableNames.SpeakUpSessions));
    private readonly TableClient _salts = tableService.GetTableClient(options.Value.TableName(TableNames.SpeakUpSalts));
    private readonly TableClient _notes = tableService.GetTableClient(options.Value.TableName(TableNames.Notes));

    /// <summary>
    /// Writes the salt, then the session, so that a session never exists without its salt. Repeating the call with
    /// the same session and salt (a retry after a lost response) succeeds; another session or salt under the same
    /// id throws, because replacing a salt would let people take part twice.
    /// </summary>
    public async Task CreateSessionAsync(SpeakUpSession session, byte[] salt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(salt);
        if (salt.Length == 0)
        {
            throw new ArgumentException("A participation salt must not be empty.", nameof(salt));
        }

        if (!await TryAddAsync(_salts, SpeakUpSaltEntity.From(session.TenantId, session.SessionId, salt), cancellationToken))
        {
            var existing = await GetSaltAsync(session.TenantId, session.SessionId, cancellationToken);
            if (existing is null || !existing.AsSpan().SequenceEqual(salt))
            {
                throw new InvalidOperationException("A speak-up session with this id already has a different salt.");
            }
        }

        var entity = SpeakUpSessionEntity.From(session);
        if (!await TryAddAsync(_sessions, entity, cancellationToken))
        {
            var existing = await GetSessionAsync(session.TenantId, session.SessionId, cancellationToken);
            if (existing != entity.ToSession())
            {
                throw new InvalidOperationException("A different speak-up session with this id already exists.");
            }
        }

        logger.SessionCreated(session.TenantId, session.SessionId);
    }

    public async Task<SpeakUpSession?> GetSessionAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        var response = await _sessions.GetEntityIfExistsAsync<SpeakUpSessionEntity>(
            TableKeys.Escape(tenantId), TableKeys.Escape(sessionId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToSession() : null;
    }

    /// <summary>Merges only the ActivityId column; throws <see cref="KeyNotFoundException"/> when there is no such session.</summary>
    public async Task SetActivityIdAsync(string tenantId, string sessionId, string activityId, CancellationToken cancellationToken)
    {
        var change = new TableEntity(TableKeys.Escape(tenantId), TableKeys.Escape(sessionId))
        {
            [nameof(SpeakUpSessionEntity.ActivityId)] = activityId,
        };
        try
        {
            await _sessions.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            throw new KeyNotFoundException("There is no such speak-up session in this tenant.", exception);
        }
    }

    public async Task<byte[]?> GetSaltAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        var response = await _salts.GetEntityIfExistsAsync<SpeakUpSaltEntity>(
            TableKeys.Escape(tenantId), TableKeys.Escape(sessionId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.Salt : null;
    }

    /// <summary>
    /// Destroys the session's salt: afterwards nobody, the operator included, can recompute who took part.
    /// Returns false when it was already gone. Not on <see cref="ISpeakUpStore"/> yet.
    /// </summary>
    public async Task<bool> DeleteSaltAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        var response = await _salts.DeleteEntityAsync(
            TableKeys.Escape(tenantId), TableKeys.Escape(sessionId), ETag.All, cancellationToken);
        var deleted = response.Status != 404;
        if (deleted)
        {
            logger.SaltDestroyed(tenantId, sessionId);
        }

        return deleted;
    }

    public async IAsyncEnumerable<SpeakUpSession> ListSessionsAsync(
        string tenantId, string installationKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Escape(tenantId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and InstallationKey eq {installationKey}");
        var sessions = new List<SpeakUpSession>();
        await foreach (var entity in _sessions.QueryAsync<SpeakUpSessionEntity>(filter, cancellationToken: cancellationToken))
        {
            sessions.Add(entity.ToSession());
        }

        // Row keys are session ids, not times, so the order is made here; a team has a few sessions a month.
        foreach (var session in sessions
            .OrderByDescending(s => s.OpensAt)
            .ThenBy(s => s.SessionId, StringComparer.Ordinal))
        {
            yield return session;
        }
    }

    /// <summary>An upsert keyed by the note id: a redelivered queue message rewrites the same row.</summary>
    public async Task SaveNoteAsync(Note note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        await _notes.UpsertEntityAsync(NoteEntity.From(note), TableUpdateMode.Replace, cancellationToken);
        logger.NoteStored(note.TenantId, note.SessionId, note.NoteId);
    }

    public async IAsyncEnumerable<Note> ListNotesAsync(
        string tenantId, string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionKey = NoteEntity.PartitionKeyFor(tenantId, sessionId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var entity in _notes.QueryAsync<NoteEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity.ToNote(tenantId, sessionId);
        }
    }

    /// <summary>Adds the row; false when a row with its keys already exists.</summary>
    private static async Task<bool> TryAddAsync<T>(TableClient table, T entity, CancellationToken cancellationToken)
        where T : ITableEntity
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }
}
