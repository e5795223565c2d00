using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TrustBot.Core.Launching;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Launching;

/// <summary>
/// One row per team and UTC day in the LaunchCounts table (PartitionKey: tenant id; RowKey: team key | yyyy-MM-dd),
/// changed only by ETag-conditional writes, so instances racing for the last launch of the day cannot both get it.
/// </summary>
internal sealed class TableLaunchCounter(TableServiceClient tableService, IOptions<StorageOptions> options) : ILaunchCounter
{
    private const string CountColumn = "Count";
    private const string DayFormat = "yyyy-MM-dd";

    // Each lost race means another instance changed the row; a handful of tries is plenty for people typing commands.
    private const int MaxAttempts = 8;

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.LaunchCounts));

    public async Task<bool> TryReserveAsync(string tenantId, string teamKey, DateOnly utcDay, int limit, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(tenantId, teamKey, utcDay);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!row.HasValue)
                {
                    await _table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { [CountColumn] = 1 }, cancellationToken);
                    return true;
                }

                var entity = row.Value!;
                var count = entity.GetInt32(CountColumn) ?? 0;
                if (count >= limit)
                {
                    return false;
                }

                entity[CountColumn] = count + 1;
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another instance wrote first; read again.
            }
        }

        // Could not get a word in: refusing is the safe side of a limit.
        return false;
    }

    public async Task ReleaseAsync(string tenantId, string teamKey, DateOnly utcDay, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(tenantId, teamKey, utcDay);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            if (!row.HasValue || (row.Value!.GetInt32(CountColumn) ?? 0) <= 0)
            {
                return;
            }

            var entity = row.Value;
            entity[CountColumn] = entity.GetInt32(CountColumn)!.Value - 1;
            try
            {
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Another instance wrote first; read again.
            }
        }
    }

    /// <summary>
    /// The UTC day a counter row counts, read from the end of its RowKey (the team key's own <c>|</c> is escaped, so
    /// the last one is the separator); null for a key of another shape.
    /// </summary>
    internal static DateOnly? DayOf(string rowKey)
    {
        var separator = rowKey.LastIndexOf(CompositeKey.Separator);
        return separator >= 0 && DateOnly.TryParseExact(rowKey.AsSpan(separator + 1), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    private static (string PartitionKey, string RowKey) Keys(string tenantId, string teamKey, DateOnly utcDay) =>
        (TableKeys.Escape(tenantId), CompositeKey.Join(teamKey, utcDay.ToString(DayFormat, CultureInfo.InvariantCulture)));
}
