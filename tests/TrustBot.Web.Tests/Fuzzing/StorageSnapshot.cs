using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using TrustBot.Core.Scheduling;

namespace TrustBot.Web.Tests.Fuzzing;

/// <summary>
/// Every entity of the host's tables (keys, ETag and text) and the message count of each of its queues, read from
/// Azurite. Two snapshots tell whether anything was written in between, and by whom (tenant ids are GUIDs).
/// </summary>
internal sealed partial class StorageSnapshot
{
    private StorageSnapshot(Dictionary<string, (string ETag, string Text)> entities, Dictionary<string, int> queues)
    {
        Entities = entities;
        Queues = queues;
    }

    /// <summary>Table, PartitionKey and RowKey → ETag and every string in the entity.</summary>
    public IReadOnlyDictionary<string, (string ETag, string Text)> Entities { get; }

    /// <summary>Queue name → approximate message count.</summary>
    public IReadOnlyDictionary<string, int> Queues { get; }

    public static async Task<StorageSnapshot> TakeAsync(string connectionString, string prefix)
    {
        var entities = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix}")))
        {
            if (!table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = new StringBuilder(row.PartitionKey).Append('|').Append(row.RowKey);
                foreach (var value in row.Select(p => p.Value).OfType<string>())
                {
                    text.Append('|').Append(value);
                }

                // The service's own jobs (the retention and closing sweeps) run on their own clock whatever activities
                // arrive; their timetable rows and occurrence leases name the reserved service-wide tenant.
                if (text.ToString().Contains(ServiceWide.TenantId, StringComparison.Ordinal))
                {
                    continue;
                }

                entities[$"{table.Name}/{row.PartitionKey}/{row.RowKey}"] = (row.ETag.ToString(), text.ToString());
            }
        }

        var queues = new Dictionary<string, int>(StringComparer.Ordinal);
        var queueService = new QueueServiceClient(connectionString);
        await foreach (var queue in queueService.GetQueuesAsync(prefix: prefix.ToLowerInvariant()))
        {
            var properties = await queueService.GetQueueClient(queue.Name).GetPropertiesAsync();
            queues[queue.Name] = properties.Value.ApproximateMessagesCount;
        }

        return new StorageSnapshot(entities, queues);
    }

    /// <summary>Entities added, changed or removed since <paramref name="before"/>, and queues whose count changed.</summary>
    public IReadOnlyList<string> ChangesSince(StorageSnapshot before)
    {
        var changes = new List<string>();
        foreach (var (key, (etag, _)) in Entities)
        {
            if (!before.Entities.TryGetValue(key, out var old))
            {
                changes.Add("added " + TableOf(key));
            }
            else if (old.ETag != etag)
            {
                changes.Add("changed " + TableOf(key));
            }
        }

        changes.AddRange(before.Entities.Keys.Where(key => !Entities.ContainsKey(key)).Select(key => "removed " + TableOf(key)));
        changes.AddRange(Queues.Where(q => before.Queues.GetValueOrDefault(q.Key) != q.Value).Select(q => $"queue {q.Key}: {before.Queues.GetValueOrDefault(q.Key)} -> {q.Value}"));
        return changes;
    }

    /// <summary>The tables holding any entity that names one of <paramref name="tenantIds"/> in a key or a string column.</summary>
    public IReadOnlyList<string> TablesMentioning(IReadOnlySet<string> tenantIds) =>
        Entities
            .Where(e => GuidPattern().Matches(e.Value.Text).Any(m => tenantIds.Contains(m.Value)))
            .Select(e => TableOf(e.Key))
            .Distinct()
            .ToList();

    private static string TableOf(string key) => key[..key.IndexOf('/', StringComparison.Ordinal)];

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();
}
