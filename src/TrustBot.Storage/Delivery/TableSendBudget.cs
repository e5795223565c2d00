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
/// <para>
/// Why a gap when the schedule changes hands (<see cref="HandOverGap"/>): each instance holds its own sends to the
/// instants they really went out (the Connector's arrival guard), but cannot see another's. An instance that stalls
/// sends its last slots late, close to the next instance's first ones, and Teams, counting arrivals, would find more
/// than its limit in one second. The gap absorbs that much lateness where the sender changes; within one instance's
/// run of slots its own guard does. It costs throughput only while several instances send to one tenant at once.
/// </para>
/// </remarks>
internal sealed class TableSendBudget(TableServiceClient tableService, DeliveryInstance instance, IOptions<StorageOptions> options) : ISendBudget
{
    /// <summary>Left free before the first slot an instance books right after another instance's.</summary>
    public static readonly TimeSpan HandOverGap = TimeSpan.FromMilliseconds(100);

    /// <summary>The RowKey of a tenant's schedule row.</summary>
    public const string RowKey = "app";

    /// <summary>The column holding the first free instant, in UTC ticks.</summary>
    public const string NextColumn = "Next";

    /// <summary>The column naming the instance that booked last (a random id per process start).</summary>
    public const string OwnerColumn = "Owner";

    // Each lost race means another instance reserved first; with a few instances, each booking a chunk at a time, a
    // handful of tries is plenty, and the limiter treats giving up like an unreachable store (it paces on a local
    // share for a while).
    private const int MaxAttempts = 10;

    // Tenants whose row this instance last wrote, so that while nobody else writes in between, a reservation is one
    // conditional write without a read. Bounded: cleared when full, which costs one read per tenant afterwards.
    private const int MaxRemembered = 10_000;

    private static readonly string[] Columns = [NextColumn, OwnerColumn];

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
            var handOver = row.Owner is { } owner && owner != instance.Id ? HandOverGap.Ticks : 0;
            var first = Math.Max(row.Next + handOver, notBefore.UtcTicks);
            var next = first + (count * spacing.Ticks);
            var entity = new TableEntity(partitionKey, RowKey) { [NextColumn] = next, [OwnerColumn] = instance.Id };
            try
            {
                var response = row.ETag is { } etag
                    ? await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                    : await _table.AddEntityAsync(entity, cancellationToken);
                Remember(tenantId, new Row(next, instance.Id, response.Headers.ETag));
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
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey, Columns, cancellationToken);
        return found.HasValue
            ? new Row(found.Value!.GetInt64(NextColumn) ?? 0, found.Value.GetString(OwnerColumn), found.Value.ETag)
            : new Row(0, null, null);
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
    private sealed record Row(long Next, string? Owner, ETag? ETag);
}
