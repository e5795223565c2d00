using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Retention;

/// <summary>
/// Deletes rows found by a query, in entity group transactions of up to 100 rows of one partition. Queries return
/// rows in key order, so a partition's rows arrive together and batch up naturally.
/// </summary>
internal static class RowDeleter
{
    private const int MaxBatch = 100;

    public static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];

    /// <summary>Deletes every row <paramref name="filter"/> matches; returns how many this call deleted.</summary>
    public static Task<int> DeleteWhereAsync(TableClient table, string filter, ILogger logger, CancellationToken cancellationToken) =>
        DeleteAsync(table, table.QueryAsync<TableEntity>(filter, select: KeyColumns, cancellationToken: cancellationToken), logger, cancellationToken);

    /// <summary>
    /// Deletes every row <paramref name="filter"/> matches, each only while it is the version the query saw: a row a
    /// concurrent writer changed in between (a lease renewed, a record updated) no longer matches for sure, so it stays.
    /// </summary>
    public static Task<int> DeleteUnchangedWhereAsync(TableClient table, string filter, ILogger logger, CancellationToken cancellationToken) =>
        DeleteAsync(table, table.QueryAsync<TableEntity>(filter, select: KeyColumns, cancellationToken: cancellationToken), logger, cancellationToken, matchVersion: true);

    /// <summary>Deletes the given rows (only their keys are used); returns how many this call deleted.</summary>
    public static async Task<int> DeleteAsync(
        TableClient table, IAsyncEnumerable<TableEntity> rows, ILogger logger, CancellationToken cancellationToken, bool matchVersion = false)
    {
        var deleted = 0;
        var batch = new List<TableTransactionAction>(MaxBatch);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (batch.Count == MaxBatch || (batch.Count > 0 && batch[0].Entity.PartitionKey != row.PartitionKey))
            {
                deleted += await FlushAsync(table, batch, logger, cancellationToken);
                batch.Clear();
            }

            // The keys alone (and the version listed, when asked): ETag.All deletes whatever version is there now.
            var version = matchVersion ? row.ETag : ETag.All;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey) { ETag = version }, version));
        }

        if (batch.Count > 0)
        {
            deleted += await FlushAsync(table, batch, logger, cancellationToken);
        }

        if (deleted > 0)
        {
            logger.RowsDeleted(table.Name, deleted);
        }

        return deleted;
    }

    /// <summary>Deletes one row if it is there; returns whether it was.</summary>
    public static Task<bool> DeleteOneAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        DeleteOneAsync(table, partitionKey, rowKey, ETag.All, cancellationToken);

    /// <summary>Deletes one row if it is there in <paramref name="version"/>; returns whether it was.</summary>
    private static async Task<bool> DeleteOneAsync(TableClient table, string partitionKey, string rowKey, ETag version, CancellationToken cancellationToken)
    {
        // The client reports a missing row as a 404 response, not an exception, for deletes with ETag.All.
        try
        {
            using var response = await table.DeleteEntityAsync(partitionKey, rowKey, version, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // 412: changed since it was listed (only with a version); it is no longer the row that was meant.
            return false;
        }
    }

    private static async Task<int> FlushAsync(TableClient table, List<TableTransactionAction> batch, ILogger logger, CancellationToken cancellationToken)
    {
        if (batch.Count == 1)
        {
            var only = batch[0].Entity;
            return await DeleteOneAsync(table, only.PartitionKey, only.RowKey, only.ETag, cancellationToken) ? 1 : 0;
        }

        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
            return batch.Count;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 404 or 412)
        {
            // Another deleter (a second sweep, the erase command) got to one row first, or a writer changed one,
            // which fails the whole transaction; one by one, the rows still there as listed go and the rest stay.
            logger.BatchFellBack(table.Name);
            var deleted = 0;
            foreach (var action in batch)
            {
                if (await DeleteOneAsync(table, action.Entity.PartitionKey, action.Entity.RowKey, action.Entity.ETag, cancellationToken))
                {
                    deleted++;
                }
            }

            return deleted;
        }
    }
}
