using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Core.Retention;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Installations;
using TrustBot.Storage.Launching;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Retention;

/// <summary>
/// Retention's deletions over the Azure tables. Notes age out by their <c>StoredAt</c> column in one filtered scan
/// across tenants; removed installations are found by their <c>Status</c> and <c>RemovedAt</c> columns; erasing one
/// is <see cref="TeamEraser"/>'s work. Operational rows age out by their own time column (Leases <c>ExpiresAt</c>,
/// Idempotency <c>UpdatedAt</c>, DeadLetters <c>RecordedAt</c>, SendBudgets <c>Next</c>), launch counters by the day at
/// the end of their RowKey; each is deleted only in the version the scan saw.
/// </summary>
internal sealed class TableRetentionStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    TeamQueuePurger queues,
    ILogger<TableRetentionStore> logger) : IRetentionStore
{
    private static readonly string[] RemovedColumns = ["TenantId", "Key", "RemovedAt"];

    private readonly TableClient _notes = tableService.GetTableClient(options.Value.TableName(TableNames.Notes));
    private readonly TableClient _installations = tableService.GetTableClient(options.Value.TableName(TableNames.Installations));
    private readonly TableClient _leases = tableService.GetTableClient(options.Value.TableName(TableNames.Leases));
    private readonly TableClient _idempotency = tableService.GetTableClient(options.Value.TableName(TableNames.Idempotency));
    private readonly TableClient _deadLetters = tableService.GetTableClient(options.Value.TableName(TableNames.DeadLetters));
    private readonly TableClient _launchCounts = tableService.GetTableClient(options.Value.TableName(TableNames.LaunchCounts));
    private readonly TableClient _sendBudgets = tableService.GetTableClient(options.Value.TableName(TableNames.SendBudgets));

    public Task<int> DeleteNotesStoredBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"StoredAt lt {cutoff.ToUniversalTime()}");
        return RowDeleter.DeleteWhereAsync(_notes, filter, logger, cancellationToken);
    }

    public async Task<int> DeleteExpiredOperationalRowsAsync(OperationalRowCutoffs cutoffs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        // Conditional on the listed version: a lease renewed (or a record rewritten) after the scan is live again.
        var leases = TableClient.CreateQueryFilter($"ExpiresAt lt {cutoffs.LeasesExpiredBefore.ToUniversalTime()}");
        var idempotency = TableClient.CreateQueryFilter($"UpdatedAt lt {cutoffs.IdempotencyUpdatedBefore.ToUniversalTime()}");
        var deadLetters = TableClient.CreateQueryFilter($"RecordedAt lt {cutoffs.DeadLettersRecordedBefore.ToUniversalTime()}");

        // A tenant's send schedule is a claim on time like a lease: idle once its last reserved slot has passed.
        var sendBudgets = TableClient.CreateQueryFilter($"Next lt {cutoffs.LeasesExpiredBefore.UtcTicks}");
        return await RowDeleter.DeleteUnchangedWhereAsync(_leases, leases, logger, cancellationToken)
            + await RowDeleter.DeleteUnchangedWhereAsync(_idempotency, idempotency, logger, cancellationToken)
            + await RowDeleter.DeleteUnchangedWhereAsync(_deadLetters, deadLetters, logger, cancellationToken)
            + await DeleteLaunchCountsAsync(cutoffs.LaunchCountsEndedBefore, cancellationToken)
            + await RowDeleter.DeleteUnchangedWhereAsync(_sendBudgets, sendBudgets, logger, cancellationToken);
    }

    /// <summary>
    /// Deletes the counters of UTC days that ended at or before <paramref name="cutoff"/>. The day is part of the RowKey,
    /// not a column a filter could compare, so every key is read; retention keeps that to a few days of teams.
    /// </summary>
    private Task<int> DeleteLaunchCountsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // A day ends at the next midnight: it ended at or before the cutoff when it lies before the cutoff's own day. A
        // key of another shape has no day and stays.
        var cutoffDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        var rows = _launchCounts.QueryAsync<TableEntity>(select: RowDeleter.KeyColumns, cancellationToken: cancellationToken)
            .Where(row => TableLaunchCounter.DayOf(row.RowKey) < cutoffDay);
        return RowDeleter.DeleteAsync(_launchCounts, rows, logger, cancellationToken, matchVersion: true);
    }

    public async Task<IReadOnlyList<RemovedInstallation>> ListRemovedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var removed = nameof(InstallationStatus.Removed);
        var filter = TableClient.CreateQueryFilter($"Status eq {removed} and RemovedAt le {cutoff.ToUniversalTime()}");
        var found = new List<RemovedInstallation>();
        await foreach (var row in _installations.QueryAsync<TableEntity>(filter, select: RemovedColumns, cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset(nameof(InstallationEntity.RemovedAt)) is { } removedAt)
            {
                found.Add(new RemovedInstallation(
                    row.GetString(nameof(InstallationEntity.TenantId)),
                    row.GetString(nameof(InstallationEntity.Key)),
                    removedAt));
            }
        }

        return found;
    }

    public async Task<TeamErasure> EraseTeamAsync(string tenantId, string key, DateTimeOffset removedBefore, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var eraser = new TeamEraser(tableService, options.Value, queues, tenantId, key, logger);
        var erasure = await eraser.EraseAsync(removedBefore, cancellationToken);
        if (erasure.Erased)
        {
            logger.TeamErased(erasure.Total);
        }

        return erasure;
    }
}
