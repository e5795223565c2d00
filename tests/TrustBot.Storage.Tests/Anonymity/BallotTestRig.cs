using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using TrustBot.Core.Anonymity;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Anonymity;

/// <summary>
/// A ballot box and its folder on fresh tables and a fresh pending queue under a unique prefix, created the way the host
/// creates them. Folds come every <see cref="FoldInterval"/> (a second unless told) of real time, as Azurite hides messages by its own clock.
/// </summary>
internal sealed class BallotTestRig : IAsyncDisposable
{
    public static readonly TimeSpan DefaultFoldInterval = TimeSpan.FromSeconds(2);

    // As the host's fold service: a little over a second after a fold time, when storage has shown every ballot due.
    private static readonly TimeSpan FoldDelay = TimeSpan.FromSeconds(1.1);

    private BallotTestRig(StorageOptions options, TableServiceClient tableService, QueueServiceClient queueService, TimeProvider time, TimeSpan foldInterval)
    {
        FoldInterval = foldInterval;
        Options = options;
        TableService = tableService;
        QueueService = queueService;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var fold = Microsoft.Extensions.Options.Options.Create(new FoldOptions { FoldInterval = FoldInterval });
        Pending = new PendingBallotQueue(queueService, wrapped);
        Box = new TableBallotBox(tableService, Pending, wrapped, fold, time, NullLogger<TableBallotBox>.Instance);
        Folder = new QueueBallotFolder(tableService, Pending, wrapped, fold, time, NullLogger<QueueBallotFolder>.Instance);
    }

    public TimeSpan FoldInterval { get; }

    public StorageOptions Options { get; }

    public TableServiceClient TableService { get; }

    public QueueServiceClient QueueService { get; }

    public PendingBallotQueue Pending { get; }

    public TableBallotBox Box { get; }

    public QueueBallotFolder Folder { get; }

    public TableClient Ballots => TableService.GetTableClient(Options.TableName(TableNames.Ballots));

    public static async Task<BallotTestRig> CreateAsync(AzuriteServer azurite, TimeSpan? foldInterval = null)
    {
        var options = azurite.NewOptions();
        var tableService = await AzuriteServer.CreateTablesAsync(options);
        var queueService = new StorageClientFactory(Microsoft.Extensions.Options.Options.Create(options)).CreateQueueServiceClient();
        var rig = new BallotTestRig(options, tableService, queueService, TimeProvider.System, foldInterval ?? DefaultFoldInterval);
        await AzuriteServer.InitializeAsync(tracker => new PendingBallotQueueInitializer(
            rig.Pending, tracker, TimeProvider.System, NullLogger<PendingBallotQueueInitializer>.Instance));
        return rig;
    }

    /// <summary>A second folder on the same storage, as another instance would run it.</summary>
    public QueueBallotFolder NewFolder() => new(
        TableService, Pending, Microsoft.Extensions.Options.Options.Create(Options),
        Microsoft.Extensions.Options.Options.Create(new FoldOptions { FoldInterval = FoldInterval }), TimeProvider.System, NullLogger<QueueBallotFolder>.Instance);

    /// <summary>Folds until the box's published replies reach <paramref name="replies"/>; fails after <paramref name="timeout"/> (default 15 s).</summary>
    public async Task<Tally> FoldUntilAsync(string tenantId, string boxId, int replies, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            await FoldAtNextFoldTimeAsync(Folder);
            var tally = await Box.GetTallyAsync(tenantId, boxId, CancellationToken.None);
            if (tally.Replies >= replies)
            {
                return tally;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The folds counted {tally.Replies} of {replies} ballots in time.");
            }
        }
    }

    /// <summary>Folds for <paramref name="duration"/> of real time (several fold times), whatever they do.</summary>
    public async Task FoldForAsync(TimeSpan duration)
    {
        var end = DateTimeOffset.UtcNow + duration;
        while (DateTimeOffset.UtcNow < end)
        {
            await FoldAtNextFoldTimeAsync(Folder);
        }
    }

    /// <summary>Runs <paramref name="folder"/> once, when the host's fold service would: just after the next fold time.</summary>
    public async Task FoldAtNextFoldTimeAsync(QueueBallotFolder folder)
    {
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(FoldClock.NextFold(now, FoldInterval) + FoldDelay - now);
        await folder.FoldDueAsync(CancellationToken.None);
    }

    /// <summary>How many messages the pending queue holds, hidden ones included.</summary>
    public async Task<int> PendingCountAsync()
    {
        QueueProperties properties = await Pending.Client.GetPropertiesAsync();
        return properties.ApproximateMessagesCount;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await TableService.DeleteTableAsync(Options.TableName(name));
        }

        await Pending.Client.DeleteIfExistsAsync();
    }
}
