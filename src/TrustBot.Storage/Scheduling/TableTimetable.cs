using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Scheduling;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Scheduling;

/// <summary>
/// The timetable in the Timetable table (keys: see <see cref="TimetableEntity"/>). An installation's entries are one
/// row range of its tenant's partition. The due listing filters the DueAt column across partitions: the table holds
/// a handful of rows per team, so the scan stays small, and every row it returns is work that is due anyway.
/// Claiming and advancing are conditional on the ETag read, so of several instances only one claims an occurrence and
/// only one moves it on; both go in entity group transactions per tenant (see the Batches part).
/// </summary>
internal sealed partial class TableTimetable(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TableTimetable> logger) : ITimetable
{
    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Timetable));

    public async Task SetAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _table.UpsertEntityAsync(TimetableEntity.From(entry), TableUpdateMode.Replace, cancellationToken);
        logger.EntrySet(entry.Kind, entry.DueAt);
    }

    public async Task<bool> AddIfMissingAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await _table.AddEntityAsync(TimetableEntity.From(entry), cancellationToken);
            logger.EntrySet(entry.Kind, entry.DueAt);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    public async Task<TimetableEntry?> GetAsync(string tenantId, string installationKey, string job, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = TimetableEntity.KeysOf(tenantId, installationKey, job);
        var response = await _table.GetEntityIfExistsAsync<TimetableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToEntry() : null;
    }

    public async Task<IReadOnlyList<TimetableEntry>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var due = await QueryDueAsync(now, cancellationToken);
        return Earliest(due, max).Select(e => e.ToEntry()).ToList();
    }

    public async Task<bool> TryAdvanceAsync(TimetableEntry entry, DateTimeOffset? nextDueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Version is null)
        {
            throw new ArgumentException("Only an entry read from the timetable can be advanced.", nameof(entry));
        }

        var version = new ETag(entry.Version);
        try
        {
            if (nextDueAt is { } next)
            {
                await _table.UpdateEntityAsync(TimetableEntity.From(entry with { DueAt = next }), version, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                var (partitionKey, rowKey) = TimetableEntity.KeysOf(entry.TenantId, entry.InstallationKey, entry.Job);
                using var response = await _table.DeleteEntityAsync(partitionKey, rowKey, version, cancellationToken);
                // The client reports a missing row as a 404 response rather than an exception.
                if (response.Status == 404)
                {
                    logger.EntryAdvanceLost(entry.Kind);
                    return false;
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            logger.EntryAdvanceLost(entry.Kind);
            return false;
        }

        logger.EntryAdvanced(entry.Kind, nextDueAt);
        return true;
    }

    private async Task<List<TimetableEntity>> QueryDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"DueAt le {now.ToUniversalTime()}");
        var due = new List<TimetableEntity>();
        await foreach (var entity in _table.QueryAsync<TimetableEntity>(filter, cancellationToken: cancellationToken))
        {
            due.Add(entity);
        }

        return due;
    }

    // Rows come in key order; the longest-waiting work goes first so that a backlog drains fairly.
    private List<TimetableEntity> Earliest(List<TimetableEntity> due, int max)
    {
        if (due.Count > max)
        {
            logger.DueBacklog(due.Count, max);
        }

        return due.OrderBy(e => e.DueAt).Take(max).ToList();
    }

    public async Task RemoveAsync(string tenantId, string installationKey, string job, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = TimetableEntity.KeysOf(tenantId, installationKey, job);
        using var response = await _table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        var kind = JobNames.KindOf(job);
        logger.EntryRemoved(kind);
    }

    public async IAsyncEnumerable<TimetableEntry> ListForInstallationAsync(
        string tenantId, string installationKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Escape(tenantId);
        var (from, to) = TimetableEntity.RangeOf(installationKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var entity in _table.QueryAsync<TimetableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity.ToEntry();
        }
    }
}
