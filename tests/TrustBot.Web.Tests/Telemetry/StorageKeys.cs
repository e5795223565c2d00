using Azure.Data.Tables;

namespace TrustBot.Web.Tests.Telemetry;

/// <summary>Every PartitionKey and RowKey in the tables of one host (by table prefix), collected over several reads.</summary>
public sealed class StorageKeys(string connectionString, string tablePrefix)
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys => _keys;

    public int Reads { get; private set; }

    public async Task ReadAsync()
    {
        Reads++;
        var service = new TableServiceClient(connectionString);
        await foreach (var table in service.QueryAsync())
        {
            if (!table.Name.StartsWith(tablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                _keys.Add(row.PartitionKey);
                _keys.Add(row.RowKey);
            }
        }
    }
}
