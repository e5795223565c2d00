using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Storage.Ballots;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;
using static TrustBot.Storage.Tests.Ballots.BallotRowInspector;

namespace TrustBot.Storage.Tests.Ballots;

/// <summary>Votes racing each other, and votes whose counters change between read and write.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableBallotBoxConcurrencyTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Box = "9d41e7c03a5b4f62";
    private static readonly string[] Statements = ["ps-mistakes", "ps-risk", "trust-care"];

    private readonly StorageOptions _options = azurite.NewOptions();
    private TableServiceClient _tableService = null!;
    private TableClient _table = null!;
    private TableBallotBox _box = null!;

    public async Task InitializeAsync()
    {
        _tableService = await AzuriteServer.CreateTablesAsync(_options);
        _table = _tableService.GetTableClient(_options.TableName(TableNames.Ballots));
        _box = NewBox(_tableService);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await _tableService.DeleteTableAsync(_options.TableName(name));
        }
    }

    [Fact]
    public async Task CastAsync_200DistinctVotersAtOnce_CountsEveryVoteExactlyOnce()
    {
        const int voters = 200;
        var hashes = Enumerable.Range(0, voters).Select(i => Hash($"voter-{i}")).ToList();

        var outcomes = await Task.WhenAll(hashes.Select((hash, i) => Task.Run(() =>
            _box.CastAsync(Tenant, Box, hash, Ballot(i), CancellationToken.None))));

        Assert.All(outcomes, outcome => Assert.Equal(BallotOutcome.Counted, outcome));
        var tally = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal(voters, tally.Replies);
        foreach (var (statement, index) in Statements.Select((s, i) => (s, i)))
        {
            var expected = new int[7];
            for (var i = 0; i < voters; i++)
            {
                expected[Ballot(i)[statement] - 1]++;
            }

            Assert.Equal(expected, tally.Counts[statement]);
            Assert.Equal(voters, tally.Counts[statement].Sum());
        }

        var rows = await ReadAllAsync(_table);
        Assert.Equal(voters, rows.Count(row => row.RowKey.StartsWith("p-", StringComparison.Ordinal)));
        AssertAnonymous(rows, hashes);
    }

    [Fact]
    public async Task CastAsync_50SimultaneousCastsOfOneHash_CountsItOnce()
    {
        var hash = Hash("one-person-many-clicks");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            _box.CastAsync(Tenant, Box, hash, Ballot(i), CancellationToken.None))));

        Assert.Single(outcomes, outcome => outcome == BallotOutcome.Counted);
        Assert.Equal(49, outcomes.Count(outcome => outcome == BallotOutcome.AlreadyCast));
        var tally = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal(1, tally.Replies);
        Assert.All(Statements, statement => Assert.Equal(1, tally.Counts[statement].Sum()));
        var rows = await ReadAllAsync(_table);
        Assert.Single(rows, row => row.RowKey.StartsWith("p-", StringComparison.Ordinal));
        AssertAnonymous(rows, [hash]);
    }

    [Fact]
    public async Task CastAsync_CounterChangedBetweenReadAndWrite_RetriesAndCountsBothVotes()
    {
        var first = HashInShard('7', "first");
        var second = HashInShard('7', "second");
        var interfered = false;
        var racingBox = NewBox(WithBeforeBatch(async () =>
        {
            if (!interfered)
            {
                interfered = true;
                await _box.CastAsync(Tenant, Box, second, new Dictionary<string, int> { ["ps-risk"] = 2 }, CancellationToken.None);
            }
        }));

        var outcome = await racingBox.CastAsync(Tenant, Box, first, new Dictionary<string, int> { ["ps-risk"] = 6 }, CancellationToken.None);

        Assert.True(interfered);
        Assert.Equal(BallotOutcome.Counted, outcome);
        var tally = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal(2, tally.Replies);
        Assert.Equal(Counts((2, 1), (6, 1)), tally.Counts["ps-risk"]);
    }

    [Fact]
    public async Task CastAsync_SameHashCommittedBetweenReadAndWrite_ReturnsAlreadyCastWithoutRetrying()
    {
        var hash = HashInShard('3', "double-click");
        var batches = 0;
        var racingBox = NewBox(WithBeforeBatch(async () =>
        {
            if (++batches == 1)
            {
                await _box.CastAsync(Tenant, Box, hash, new Dictionary<string, int> { ["ps-risk"] = 1 }, CancellationToken.None);
            }
        }));

        var outcome = await racingBox.CastAsync(Tenant, Box, hash, new Dictionary<string, int> { ["ps-risk"] = 5 }, CancellationToken.None);

        // Both the participation row and the counters conflict; storage reports the first action, the participation.
        Assert.Equal(BallotOutcome.AlreadyCast, outcome);
        Assert.Equal(1, batches);
        var tally = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal(1, tally.Replies);
        Assert.Equal(Counts((1, 1)), tally.Counts["ps-risk"]);
    }

    [Fact]
    public async Task CastAsync_CounterConflictOnEveryAttempt_GivesUpAndWritesNothing()
    {
        var earlier = HashInShard('c', "earlier");
        var unlucky = HashInShard('c', "unlucky");
        await _box.CastAsync(Tenant, Box, earlier, new Dictionary<string, int> { ["ps-risk"] = 3 }, CancellationToken.None);
        var before = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        var batches = 0;
        // Rewrites the shard's replies counter with its own values before each vote's transaction: its ETag moves on,
        // so the transaction's conditional replace of that counter fails after its participation row was accepted.
        var racingBox = NewBox(WithBeforeBatch(async () =>
        {
            batches++;
            var replies = (await _table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"RowKey eq {"c-_replies"}")).ToListAsync()).Single();
            await _table.UpdateEntityAsync(replies, replies.ETag, TableUpdateMode.Replace);
        }));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => racingBox.CastAsync(
            Tenant, Box, unlucky, new Dictionary<string, int> { ["ps-risk"] = 7 }, CancellationToken.None));

        Assert.IsType<TableTransactionFailedException>(exception.InnerException);
        Assert.Equal(20, batches);
        Assert.False(await _box.HasParticipatedAsync(Tenant, Box, unlucky, CancellationToken.None));
        var after = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal(before.Replies, after.Replies);
        Assert.Equal(before.Counts["ps-risk"], after.Counts["ps-risk"]);
        AssertAnonymous(await ReadAllAsync(_table), [earlier, unlucky]);
    }

    [Fact]
    public async Task SubmitTransaction_StaleCounterBesideNewParticipation_StoresNeither()
    {
        // The storage guarantee the ballot box is built on, checked directly: one failing action voids the others.
        var partition = $"{Tenant}|{Box}|05";
        var counter = new TableEntity(partition, "c-_replies") { ["Count"] = 1 };
        await _table.AddEntityAsync(counter);
        var stale = (await _table.GetEntityAsync<TableEntity>(partition, "c-_replies")).Value;
        await _table.UpdateEntityAsync(new TableEntity(partition, "c-_replies") { ["Count"] = 2 }, stale.ETag, TableUpdateMode.Replace);

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "p-" + HashInShard('5', "x"))),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(partition, "c-_replies") { ["Count"] = 2 }, stale.ETag),
        ]));

        Assert.Equal(412, failure.Status);
        Assert.Equal(1, failure.FailedTransactionActionIndex);
        var rows = await ReadAllAsync(_table);
        Assert.Equal(["c-_replies"], rows.Select(row => row.RowKey));
        Assert.Equal(2, rows[0].GetInt32("Count"));
    }

    private static Dictionary<string, int> Ballot(int voter) => new()
    {
        [Statements[0]] = (voter % 7) + 1,
        [Statements[1]] = (voter * 3 % 7) + 1,
        [Statements[2]] = (voter / 7 % 7) + 1,
    };

    private TableBallotBox NewBox(TableServiceClient tableService) =>
        new(tableService, Options.Create(_options), TimeProvider.System, NullLogger<TableBallotBox>.Instance);

    /// <summary>A client whose every transaction is preceded by <paramref name="beforeBatch"/>, to stage a race deterministically.</summary>
    private TableServiceClient WithBeforeBatch(Func<Task> beforeBatch)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(new BeforeBatchPolicy(beforeBatch), HttpPipelinePosition.PerCall);
        return new TableServiceClient(azurite.ConnectionString, clientOptions);
    }

    private sealed class BeforeBatchPolicy(Func<Task> beforeBatch) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                await beforeBatch();
            }

            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The stores only call the storage asynchronously.");
    }
}
