using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.SpeakUp;

/// <summary>Fresh speak-up tables and queues under a unique prefix, created the way the host creates them, and removed after.</summary>
internal sealed class SpeakUpTestStorage : IAsyncDisposable
{
    private static readonly string[] SpeakUpTables = [TableNames.SpeakUpSessions, TableNames.SpeakUpSalts, TableNames.SpeakUpClosing, TableNames.Notes];

    private SpeakUpTestStorage(StorageOptions options, TableServiceClient tableService, QueueServiceClient queueService)
    {
        Options = options;
        TableService = tableService;
        QueueService = queueService;
        Queues = new NoteQueues(queueService, Microsoft.Extensions.Options.Options.Create(options));
    }

    public StorageOptions Options { get; }

    public TableServiceClient TableService { get; }

    public QueueServiceClient QueueService { get; }

    public NoteQueues Queues { get; }

    public static async Task<SpeakUpTestStorage> CreateAsync(AzuriteServer azurite)
    {
        var options = azurite.NewOptions();
        var tableService = await AzuriteServer.CreateTablesAsync(options);
        var queueService = new StorageClientFactory(Microsoft.Extensions.Options.Options.Create(options)).CreateQueueServiceClient();
        var storage = new SpeakUpTestStorage(options, tableService, queueService);
        await AzuriteServer.InitializeAsync(tracker => new NoteQueueInitializer(storage.Queues, tracker, TimeProvider.System, NullLogger<NoteQueueInitializer>.Instance));
        return storage;
    }

    public TableSpeakUpStore NewStore() =>
        new(TableService, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<TableSpeakUpStore>.Instance);

    public TableClient Table(string name) => TableService.GetTableClient(Options.TableName(name));

    /// <summary>Every row of every speak-up table, with the table's base name.</summary>
    public async Task<List<(string Table, TableEntity Row)>> ReadAllRowsAsync()
    {
        var rows = new List<(string, TableEntity)>();
        foreach (var name in SpeakUpTables)
        {
            await foreach (var row in Table(name).QueryAsync<TableEntity>())
            {
                rows.Add((name, row));
            }
        }

        return rows;
    }

    /// <summary>Messages in a queue, visible or hidden (the service's approximate count is exact on an idle emulator).</summary>
    public static async Task<int> CountAsync(QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async ValueTask DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await TableService.DeleteTableAsync(Options.TableName(name));
        }

        foreach (var queue in Queues.All)
        {
            await queue.DeleteIfExistsAsync();
        }
    }
}
