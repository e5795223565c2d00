using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Delivery;

/// <summary>
/// Each tenant's send schedule as one row of the SendBudgets table (PartitionKey: tenant id; RowKey: <c>app</c>) whose
/// <c>Next</c> column is the first instant (UTC ticks) nobody has reserved yet. A reservation moves it on by
/// count × spacing with an ETag-conditional write, so of two instances reserving at once only one write lands; the
/// other reads the row again and reserves after it. No slot is ever handed out twice.
/// </summary>
/// <remarks>
/// Why one moving instant rather than a count per second: a count per calendar second lets 50 sends end one second and
/// 50 more start the next, 100 within a sliding second, and Teams' windows slide. Slots a fixed spacing apart keep every
/// sliding window, whoever sends in them. The row holds one instant and no history; retention deletes it a day after
/// its last slot, like an expired lease.
/// </remarks>
internal sealed class TableSendBudget(TableServiceClient tableService, IOptions<StorageOptions> options) : ISendBudget
{
    /// <summary>The RowKey of a tenant's schedule row.</summary>
    public const string RowKey = "app";

    /// <summary>The column holding the first free instant, in UTC ticks.</summary>
    public const string NextColumn = "Next";

    // Each lost race means another instance reserved first; with a few instances, each booking a chunk at a time, a
    // handful of tries is plenty, and the limiter treats giving up like an unreachable store (it paces on a local
    // share for a while).
    private const int MaxAttempts = 10;

    // Tenants whose row this instance last wrote, so that while nobody else writes in between, a reservation is one
    // conditional write without a read. Bounded: cleared when full, which costs one read per tenant afterwards.
    private const int MaxRemembered = 10_000;

    private static readonly string[] NextOnly = [NextColumn];

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.SendBudgets));
    private readonly ConcurrentDictionary<string, Row> _written = new(StringComparer.Ordinal);

    public async Task<SendSlots> ReserveAsync(string tenantId, int count, TimeSpan spacing, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(spacing, TimeSpan.Zero);
        var partitionKey = TableKeys.Escape(tenantId);
        Row? row = _written.TryGetValue(tenantId, out var remembered) ? remembered : null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            row ??= await ReadAsync(partitionKey, cancellationToken);
            var first = Math.Max(row.Next, notBefore.UtcTicks);
            var next = first + (count * spacing.Ticks);
            var entity = new TableEntity(partitionKey, RowKey) { [NextColumn] = next };
            try
            {
                var response = row.ETag is { } etag
                    ? await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                    : await _table.AddEntityAsync(entity, cancellationToken);
                Remember(tenantId, new Row(next, response.Headers.ETag));
                return new SendSlots(new DateTimeOffset(first, TimeSpan.Zero), count);
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
            {
                // Another instance wrote first (or retention deleted an idle row): read it again, after a pause of a
                // few milliseconds of storage's own time (not the injected clock), so that the instances racing
                // for the row do not keep meeting.
                row = null;
                _written.TryRemove(tenantId, out _);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
                await Task.Delay(Random.Shared.Next(0, 5 * (attempt + 1)), cancellationToken);
#pragma warning restore CA5394
            }
        }

        throw new InvalidOperationException($"The send schedule stayed contended for {MaxAttempts} attempts.");
    }

    private async Task<Row> ReadAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey, NextOnly, cancellationToken);
        return found.HasValue ? new Row(found.Value!.GetInt64(NextColumn) ?? 0, found.Value.ETag) : new Row(0, null);
    }

    private void Remember(string tenantId, Row row)
    {
        if (_written.Count >= MaxRemembered)
        {
            _written.Clear();
        }

        _written[tenantId] = row;
    }

    // The row as last read or written; no ETag when there is no row yet.
    private sealed record Row(long Next, ETag? ETag);
}
