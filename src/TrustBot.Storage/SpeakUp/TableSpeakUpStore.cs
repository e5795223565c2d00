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
/// Speak-up sessions, salts, their due-to-close index and notes in four tables (keys: see the entity types). Sessions
/// and salts are keyed tenant / session id; notes are partitioned by tenant | session and keyed by their random note
/// id, with the session's release record beside them (TableSpeakUpStore.Releases.cs); the SpeakUpClosing index is
/// partitioned by closing hour, with tenant | session as RowKey, because the closing job works across tenants.
/// </summary>
/// <remarks>
/// No step spans tables atomically, so the order of writes keeps every crash safe for the salt, as for check-ins:
/// create writes the index row first; close marks the session closed (conditional on its ETag, so one closer wins),
/// then deletes the salt, then the index row. An index row whose session is closed or missing therefore means an
/// interrupted close or create, and <see cref="ListDueToCloseAsync"/> finishes it by destroying the salt.
/// </remarks>
internal sealed partial class TableSpeakUpStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TableSpeakUpStore> logger) : ISpeakUpStore
{
    private readonly TableClient _sessions = tableService.GetTableClient(options.Value.TableName(TableNames.SpeakUpSessions));
    private readonly TableClient _salts = tableService.GetTableClient(options.Value.TableName(TableNames.SpeakUpSalts));
    private readonly TableClient _notes = tableService.GetTableClient(options.Value.TableName(TableNames.Notes));
    private readonly TableClient _closing = tableService.GetTableClient(options.Value.TableName(TableNames.SpeakUpClosing));

    /// <summary>
    /// How far back the open-session list looks (for re-posts). Closing does not use it: the due scans have no
    /// look-back, so a salt is destroyed however long the service was down.
    /// </summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];

    // Each conflict on close means another writer changed the row (a close, or the card's activity id).
    private const int MaxCloseAttempts = 8;

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

        if (session.IsClosed)
        {
            throw new ArgumentException("A new speak-up session is open.", nameof(session));
        }

        // Index first: if a later write fails, the due scan still finds this id and destroys whatever salt was written.
        await _closing.UpsertEntityAsync(ClosingIndexEntity.From(session.TenantId, session.SessionId, session.ClosesAt), TableUpdateMode.Replace, cancellationToken);
        if (!await TryAddAsync(_salts, SpeakUpSaltEntity.From(session.TenantId, session.SessionId, salt, session.ClosesAt), cancellationToken))
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

        logger.SessionCreated();
    }

    public async Task<SpeakUpSession?> GetSessionAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        var entity = await ReadAsync(tenantId, sessionId, cancellationToken);
        return entity?.ToSession();
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
    /// Returns false when it was already gone. <see cref="CloseSessionAsync"/> is the way to end a session.
    /// </summary>
    public async Task<bool> DeleteSaltAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        var response = await _salts.DeleteEntityAsync(
            TableKeys.Escape(tenantId), TableKeys.Escape(sessionId), ETag.All, cancellationToken);
        var deleted = response.Status != 404;
        if (deleted)
        {
            logger.SaltDestroyed();
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

    /// <summary>
    /// An upsert keyed by the note id: a redelivered queue message rewrites the same row. A merge without the release
    /// columns, so that it keeps the row's release.
    /// </summary>
    public async Task SaveNoteAsync(Note note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        await _notes.UpsertEntityAsync(NoteEntity.ContentOf(note), TableUpdateMode.Merge, cancellationToken);
        logger.NoteStored();
    }

    public async IAsyncEnumerable<Note> ListNotesAsync(
        string tenantId, string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionKey = NoteEntity.PartitionKeyFor(tenantId, sessionId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var row in _notes.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey != NoteReleaseEntity.RecordRowKey)
            {
                yield return NoteEntity.ToNote(row, tenantId, sessionId);
            }
        }
    }

    public async IAsyncEnumerable<SpeakUpSession> ListDueToCloseAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = ClosingIndexEntity.DueFilter(now);
        var listed = new HashSet<(string, string)>();

        await foreach (var due in _closing.QueryAsync<ClosingIndexEntity>(filter, cancellationToken: cancellationToken))
        {
            var entity = await ReadAsync(due.TenantId, due.ItemId, cancellationToken);
            if (entity is { IsClosed: false })
            {
                // An index row whose session closes later is left from a create that lost to another session's id.
                if (entity.ClosesAt <= now && listed.Add((due.TenantId, due.ItemId)))
                {
                    yield return entity.ToSession();
                }

                continue;
            }

            await DestroyLeftoversAsync(due.TenantId, due.ItemId, due.ClosesAt, cancellationToken);
            logger.SessionLeftoversDestroyed();
        }

        // The caller closes each session before asking for the next, so by now this finds only salts the index did
        // not lead to (its row lost or never written).
        var saltsDue = TableClient.CreateQueryFilter($"ClosesAt le {now.ToUniversalTime()}");
        await foreach (var salt in _salts.QueryAsync<TableEntity>(saltsDue, select: KeyColumns, cancellationToken: cancellationToken))
        {
            var (tenantId, sessionId) = (TableKeys.Unescape(salt.PartitionKey), TableKeys.Unescape(salt.RowKey));
            var entity = await ReadAsync(tenantId, sessionId, cancellationToken);
            if (entity is { IsClosed: false })
            {
                // Listed above already, unless its index row is missing; a caller that does not close leaves it open.
                if (entity.ClosesAt <= now && listed.Add((tenantId, sessionId)))
                {
                    yield return entity.ToSession();
                }

                continue;
            }

            await DeleteIfExistsAsync(_salts, salt.PartitionKey, salt.RowKey, cancellationToken);
            logger.SessionLeftoversDestroyed();
        }
    }

    public async Task<bool> CloseSessionAsync(string tenantId, string sessionId, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var entity = await ReadAsync(tenantId, sessionId, cancellationToken);
            if (entity is null)
            {
                await DeleteIfExistsAsync(_salts, TableKeys.Escape(tenantId), TableKeys.Escape(sessionId), cancellationToken);
                return false;
            }

            if (entity.IsClosed)
            {
                // Someone else closed it; whether or not that close got as far, the salt must not survive.
                await DestroyLeftoversAsync(entity.TenantId, entity.SessionId, entity.ClosesAt, cancellationToken);
                return false;
            }

            entity.IsClosed = true;
            entity.ClosedAt = closedAt.ToUniversalTime();
            try
            {
                await _sessions.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 412 && attempt < MaxCloseAttempts)
            {
                // Closed by another instance, or its activity id was recorded: reading again tells which.
                logger.SessionCloseConflict();
                continue;
            }

            await DestroyLeftoversAsync(entity.TenantId, entity.SessionId, entity.ClosesAt, cancellationToken);
            logger.SessionClosed();
            return true;
        }
    }

    public async IAsyncEnumerable<SpeakUpSession> ListOpenSessionsAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every index row belongs to a session not yet closed (or to an interrupted close the due scan finishes).
        var from = ClosingIndexEntity.Bucket(now - LookBack);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from}");
        var seen = new HashSet<(string, string)>();
        await foreach (var row in _closing.QueryAsync<ClosingIndexEntity>(filter, cancellationToken: cancellationToken))
        {
            if (!seen.Add((row.TenantId, row.ItemId)))
            {
                continue;
            }

            var entity = await ReadAsync(row.TenantId, row.ItemId, cancellationToken);
            if (entity is { IsClosed: false })
            {
                yield return entity.ToSession();
            }
        }
    }

    /// <summary>Deletes the salt, then the index row: while the salt exists, the index row is what leads back to it.</summary>
    private async Task DestroyLeftoversAsync(string tenantId, string sessionId, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        await DeleteIfExistsAsync(_salts, TableKeys.Escape(tenantId), TableKeys.Escape(sessionId), cancellationToken);
        var index = ClosingIndexEntity.KeysOf(tenantId, sessionId, closesAt);
        await DeleteIfExistsAsync(_closing, index.PartitionKey, index.RowKey, cancellationToken);
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Already gone: deleting is the goal, not the act.
        }
    }

    private async Task<SpeakUpSessionEntity?> ReadAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        var response = await _sessions.GetEntityIfExistsAsync<SpeakUpSessionEntity>(
            TableKeys.Escape(tenantId), TableKeys.Escape(sessionId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
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
