using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Retention;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.CheckIns;
using TrustBot.Storage.Digests;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Installations;
using TrustBot.Storage.Scheduling;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Retention;

/// <summary>
/// Deletes every row of one removed installation, table by table, and its Installations row last.
/// </summary>
/// <remarks>
/// <para>
/// The installation is read first and must be removed, at or before the cutoff; its ETag is kept. Before each table it
/// is read again, and the erasure stops as soon as its ETag changed (a reinstall rewrites the row). The final delete
/// of the row is conditional on that ETag, so a reinstall that slips in after the last check is never erased as a
/// whole: its row, with the settings it restored, stays.
/// </para>
/// <para>
/// Deleting the Installations row last also makes a crash harmless: the row stays removed and past its grace period,
/// so the next sweep lists it again and finishes. Within a table, rows that lead to others go last for the same reason:
/// a check-in row after its ballots, salt and closing-index row; a session after its notes, ballots, salt and index row.
/// The team's queued messages (notes on their way, sends) go last of all, see <see cref="TeamQueuePurger"/>.
/// </para>
/// </remarks>
internal sealed class TeamEraser(
    TableServiceClient tableService, StorageOptions options, TeamQueuePurger queues, string tenantId, string key, ILogger logger)
{
    /// <summary>The erasure's count of queued messages deleted, beside its per-table row counts.</summary>
    public const string QueuedMessages = "queued messages";

    private static readonly string[] ItemColumns = ["PartitionKey", "RowKey", "ClosesAt"];
    private static readonly string[] NudgeColumns = ["PartitionKey", "RowKey", "NudgeId"];
    private static readonly string[] OperationalTables = [TableNames.Idempotency, TableNames.DeadLetters, TableNames.Leases];

    private readonly Dictionary<string, int> _deleted = new(StringComparer.Ordinal);
    private readonly string _tenantKey = TableKeys.Escape(tenantId);
    private readonly string _installationKey = TableKeys.Escape(key);
    private ETag _version;

    public async Task<TeamErasure> EraseAsync(DateTimeOffset removedBefore, CancellationToken cancellationToken)
    {
        var installation = await ReadInstallationAsync(cancellationToken);
        if (installation is null || !installation.IsRemoved || installation.RemovedAt is not { } removedAt || removedAt > removedBefore)
        {
            logger.EraseNotDue();
            return TeamErasure.NotErased;
        }

        _version = installation.ETag;
        var steps = new Func<CancellationToken, Task>[]
        {
            // What plans and sends for the team goes first, so nothing new starts for it while the rest is deleted.
            EraseTimetableAsync,
            EraseLeadersAsync,
            EraseLaunchCountsAsync,
            EraseNudgesAndOperationalRowsAsync,
            ErasePredictionsAsync,
            EraseSpeakUpAsync,
            EraseCheckInsAsync,
            // Last, so that a send or note queued while the tables were erased goes too.
            PurgeQueuesAsync,
        };

        foreach (var step in steps)
        {
            if (!await StillUnchangedAsync(cancellationToken))
            {
                logger.EraseStoppedByChange();
                return new TeamErasure(false, _deleted);
            }

            await step(cancellationToken);
        }

        var installations = Table(TableNames.Installations);
        try
        {
            using var response = await installations.DeleteEntityAsync(_tenantKey, _installationKey, _version, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            logger.EraseStoppedByChange();
            return new TeamErasure(false, _deleted);
        }

        Count(TableNames.Installations, 1);
        return new TeamErasure(true, _deleted);
    }

    private async Task PurgeQueuesAsync(CancellationToken cancellationToken) =>
        Count(QueuedMessages, await queues.PurgeAsync(tenantId, key, cancellationToken));

    private async Task EraseTimetableAsync(CancellationToken cancellationToken)
    {
        var (from, to) = TimetableEntity.RangeOf(key);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {_tenantKey} and RowKey ge {from} and RowKey lt {to}");
        await DeleteWhereAsync(TableNames.Timetable, filter, cancellationToken);
    }

    private Task EraseLeadersAsync(CancellationToken cancellationToken) =>
        DeleteWhereAsync(TableNames.Leaders, TeamRowsFilter(), cancellationToken);

    private Task EraseLaunchCountsAsync(CancellationToken cancellationToken) =>
        DeleteWhereAsync(TableNames.LaunchCounts, TeamRowsFilter(), cancellationToken);

    /// <summary>
    /// Nudges (the team's rows are one RowKey range, team first), then the operational rows that name the team, its
    /// leaders or its nudges, check-ins: those need the nudge and check-in ids, read before their rows go.
    /// </summary>
    private async Task EraseNudgesAndOperationalRowsAsync(CancellationToken cancellationToken)
    {
        var nudges = Table(TableNames.Nudges);
        var nudgeRows = await ListAsync(nudges, TeamRowsFilter(), NudgeColumns, cancellationToken);
        var checkIns = await ListItemsAsync(TableNames.CheckIns, cancellationToken);

        var matcher = new OperationalRowMatcher(
            tenantId,
            key,
            nudgeRows.Select(row => row.GetString("NudgeId")).Where(id => !string.IsNullOrEmpty(id)),
            checkIns.Select(row => TableKeys.Unescape(row.RowKey)));
        foreach (var name in OperationalTables)
        {
            var table = Table(name);
            var rows = table.QueryAsync<TableEntity>(select: RowDeleter.KeyColumns, cancellationToken: cancellationToken);
            Count(name, await RowDeleter.DeleteAsync(table, Matching(rows, matcher), logger, cancellationToken));
        }

        Count(TableNames.Nudges, await RowDeleter.DeleteAsync(nudges, nudgeRows.ToAsyncEnumerable(), logger, cancellationToken));
    }

    private async Task ErasePredictionsAsync(CancellationToken cancellationToken)
    {
        var partition = PredictionEntity.Partition(tenantId, key);
        await DeleteWhereAsync(TableNames.Predictions, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken);
    }

    private async Task EraseSpeakUpAsync(CancellationToken cancellationToken)
    {
        // Notes by their own InstallationKey column within the tenant's partitions, so that notes whose session row is
        // already gone are found too. Their partition is tenant | session, so the tenant's are one PartitionKey range.
        var tenantPrefix = CompositeKey.Part(tenantId) + CompositeKey.Separator;
        var tenantEnd = CompositeKey.Part(tenantId) + (char)(CompositeKey.Separator + 1);
        var notesFilter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {tenantPrefix} and PartitionKey lt {tenantEnd} and InstallationKey eq {key}");
        await DeleteWhereAsync(TableNames.Notes, notesFilter, cancellationToken);

        var sessions = await ListItemsAsync(TableNames.SpeakUpSessions, cancellationToken);
        await EraseItemsAsync(sessions, TableNames.SpeakUpSessions, TableNames.SpeakUpSalts, TableNames.SpeakUpClosing, cancellationToken);
    }

    private async Task EraseCheckInsAsync(CancellationToken cancellationToken)
    {
        var checkIns = await ListItemsAsync(TableNames.CheckIns, cancellationToken);
        await EraseItemsAsync(checkIns, TableNames.CheckIns, TableNames.CheckInSalts, TableNames.CheckInsClosing, cancellationToken);

        // The open-check-in marker has no InstallationKey column, so the list above never holds it.
        var (partitionKey, rowKey) = OpenCheckInMarkerEntity.KeysOf(tenantId, key);
        await DeleteOneAsync(TableNames.CheckIns, partitionKey, rowKey, cancellationToken);
    }

    /// <summary>
    /// For each check-in or session: its ballot box (participation, counter and fold rows), its salt and its closing-index
    /// row; then the item rows themselves.
    /// </summary>
    private async Task EraseItemsAsync(
        List<TableEntity> items, string itemTable, string saltTable, string closingTable, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            var itemId = TableKeys.Unescape(item.RowKey);
            var ballotBox = BallotRows.Partition(tenantId, itemId);
            await DeleteWhereAsync(TableNames.Ballots, TableClient.CreateQueryFilter($"PartitionKey eq {ballotBox}"), cancellationToken);
            await DeleteOneAsync(saltTable, item.PartitionKey, item.RowKey, cancellationToken);
            if (item.GetDateTimeOffset("ClosesAt") is { } closesAt)
            {
                var (partitionKey, rowKey) = ClosingIndexEntity.KeysOf(tenantId, itemId, closesAt);
                await DeleteOneAsync(closingTable, partitionKey, rowKey, cancellationToken);
            }
        }

        Count(itemTable, await RowDeleter.DeleteAsync(Table(itemTable), items.ToAsyncEnumerable(), logger, cancellationToken));
    }

    /// <summary>The tenant's check-ins or sessions of this installation (PartitionKey = tenant, InstallationKey column).</summary>
    private Task<List<TableEntity>> ListItemsAsync(string name, CancellationToken cancellationToken) =>
        ListAsync(Table(name), TableClient.CreateQueryFilter($"PartitionKey eq {_tenantKey} and InstallationKey eq {key}"), ItemColumns, cancellationToken);

    /// <summary>
    /// The team's rows in tables keyed tenant, team | … (leaders, launch counts, nudges): the tenant's partition, RowKey
    /// from the team part and its separator up to the separator's successor.
    /// </summary>
    private string TeamRowsFilter()
    {
        var part = CompositeKey.Part(key);
        var (from, to) = (part + CompositeKey.Separator, part + (char)(CompositeKey.Separator + 1));
        return TableClient.CreateQueryFilter($"PartitionKey eq {_tenantKey} and RowKey ge {from} and RowKey lt {to}");
    }

    private async Task<bool> StillUnchangedAsync(CancellationToken cancellationToken)
    {
        var current = await ReadInstallationAsync(cancellationToken);
        return current is not null && current.ETag == _version;
    }

    private async Task<InstallationEntity?> ReadInstallationAsync(CancellationToken cancellationToken)
    {
        var response = await Table(TableNames.Installations).GetEntityIfExistsAsync<InstallationEntity>(_tenantKey, _installationKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task DeleteWhereAsync(string name, string filter, CancellationToken cancellationToken) =>
        Count(name, await RowDeleter.DeleteWhereAsync(Table(name), filter, logger, cancellationToken));

    private async Task DeleteOneAsync(string name, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        if (await RowDeleter.DeleteOneAsync(Table(name), partitionKey, rowKey, cancellationToken))
        {
            Count(name, 1);
        }
    }

    private static async Task<List<TableEntity>> ListAsync(TableClient table, string filter, string[] columns, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async IAsyncEnumerable<TableEntity> Matching(AsyncPageable<TableEntity> rows, OperationalRowMatcher matcher)
    {
        await foreach (var row in rows)
        {
            if (matcher.Matches(row.RowKey))
            {
                yield return row;
            }
        }
    }

    private TableClient Table(string name) => tableService.GetTableClient(options.TableName(name));

    private void Count(string table, int rows)
    {
        if (rows > 0)
        {
            _deleted[table] = _deleted.GetValueOrDefault(table) + rows;
        }
    }
}
