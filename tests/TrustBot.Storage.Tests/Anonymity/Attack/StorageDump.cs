using Azure.Data.Tables;
using Azure.Storage.Queues;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Tests.Anonymity.Attack;

/// <summary>
/// Everything a storage reader sees at one moment: every row of every table under the prefix with its Timestamp and
/// ETag, and every message any queue under the prefix lets anyone read (peek), with its insertion time and id.
/// </summary>
internal sealed record StorageDump(string Moment, IReadOnlyList<DumpedRow> Rows, IReadOnlyList<DumpedMessage> Messages)
{
    public static async Task<StorageDump> TakeAsync(string moment, StorageOptions options)
    {
        var rows = new List<DumpedRow>();
        var tables = new TableServiceClient(options.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(options.TablePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows.Add(new DumpedRow(table.Name, row));
            }
        }

        var messages = new List<DumpedMessage>();
        var queues = new QueueServiceClient(options.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: options.TablePrefix.ToLowerInvariant()))
        {
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                messages.Add(new DumpedMessage(queue.Name, message.MessageId, message.InsertedOn, message.Body.ToString()));
            }
        }

        return new StorageDump(moment, rows, messages);
    }
}

internal sealed record DumpedRow(string Table, TableEntity Row);

internal sealed record DumpedMessage(string Queue, string MessageId, DateTimeOffset? InsertedOn, string Body);
