using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Delivery;

/// <summary>
/// Dead letters in the DeadLetters table (PartitionKey = the UTC day "yyyyMMdd" it was recorded, RowKey = the escaped
/// idempotency key), so that counting a recent window reads one or two partitions, never the whole table.
/// </summary>
internal sealed class TableDeadLetterLog(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<TableDeadLetterLog> logger) : IDeadLetterLog
{
    private const string DayFormat = "yyyyMMdd";
    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.DeadLetters));

    public async Task RecordAsync(string idempotencyKey, string kind, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(reason);

        var now = time.GetUtcNow();
        var entity = new DeadLetterEntity
        {
            PartitionKey = DayBucket(now),
            RowKey = TableKeys.Escape(idempotencyKey),
            Kind = kind,
            Reason = reason,
            RecordedAt = now,
        };
        // An upsert: a second report of the same send on the same day is the same dead letter, not another one.
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        logger.SendDeadLettered(kind, reason);
    }

    public async Task<int> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var from = since.ToUniversalTime();
        var now = time.GetUtcNow();
        var count = 0;
        for (var day = from.UtcDateTime.Date; day <= now.UtcDateTime.Date; day = day.AddDays(1))
        {
            var bucket = DayBucket(new DateTimeOffset(day, TimeSpan.Zero));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and RecordedAt ge {from}");
            await foreach (var _ in _table.QueryAsync<TableEntity>(filter, select: KeyColumns, cancellationToken: cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    private static string DayBucket(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);
}
