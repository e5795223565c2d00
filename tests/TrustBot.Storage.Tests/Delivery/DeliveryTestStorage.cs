using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Storage.Tests.Delivery;

/// <summary>Fresh delivery tables and the outbox queue under a unique prefix, created the way the host creates them, and removed after.</summary>
internal sealed class DeliveryTestStorage : IAsyncDisposable
{
    private DeliveryTestStorage(StorageOptions options, TableServiceClient tableService, QueueServiceClient queueService)
    {
        Options = options;
        TableService = tableService;
        Queue = new OutboxQueue(queueService, OptionsFactory.Create(options));
        QueueService = queueService;
    }

    public StorageOptions Options { get; }

    public TableServiceClient TableService { get; }

    public QueueServiceClient QueueService { get; }

    public OutboxQueue Queue { get; }

    public static async Task<DeliveryTestStorage> CreateAsync(AzuriteServer azurite)
    {
        var options = azurite.NewOptions();
        var tableService = await AzuriteServer.CreateTablesAsync(options);
        var queueService = new StorageClientFactory(OptionsFactory.Create(options)).CreateQueueServiceClient();
        var storage = new DeliveryTestStorage(options, tableService, queueService);
        await AzuriteServer.InitializeAsync(tracker => new OutboxQueueInitializer(storage.Queue, tracker, TimeProvider.System, NullLogger<OutboxQueueInitializer>.Instance));
        return storage;
    }

    public TableLeaseStore NewLeaseStore(FakeTimeProvider time) =>
        new(TableService, OptionsFactory.Create(Options), time, NullLogger<TableLeaseStore>.Instance);

    public TableIdempotencyStore NewIdempotencyStore(FakeTimeProvider time) =>
        new(TableService, OptionsFactory.Create(Options), time, NullLogger<TableIdempotencyStore>.Instance);

    public TableDeadLetterLog NewDeadLetterLog(FakeTimeProvider time) =>
        new(TableService, OptionsFactory.Create(Options), time, NullLogger<TableDeadLetterLog>.Instance);

    public QueueOutbox NewOutbox() => new(Queue, new OutboxSignal(), NullLogger<QueueOutbox>.Instance);

    /// <summary>A send schedule as one instance keeps it (each instance remembers its own last writes), optionally on its own client.</summary>
    /// <summary>A send schedule as one instance sees it: each call is another instance (its own id).</summary>
    public TableSendBudget NewSendBudget(TableServiceClient? tableService = null) =>
        new(tableService ?? TableService, new Core.Delivery.DeliveryInstance(), OptionsFactory.Create(Options));

    public TableClient Table(string name) => TableService.GetTableClient(Options.TableName(name));

    public async Task<List<TableEntity>> ReadAllRowsAsync(string name)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(name).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await TableService.DeleteTableAsync(Options.TableName(name));
        }

        await Queue.Client.DeleteIfExistsAsync();
    }
}
