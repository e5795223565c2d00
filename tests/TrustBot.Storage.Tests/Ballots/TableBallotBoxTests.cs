using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Storage.Ballots;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;
using static TrustBot.Storage.Tests.Ballots.BallotRowInspector;

namespace TrustBot.Storage.Tests.Ballots;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableBallotBoxTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "11111111-2222-3333-4444-555555555555";
    private const string Box = "3f6c0d2a9b7e4c18";

    private readonly StorageOptions _options = azurite.NewOptions();
    private TableServiceClient _tableService = null!;
    private TableClient _table = null!;
    private TableBallotBox _box = null!;

    public async Task InitializeAsync()
    {
        _tableService = await AzuriteServer.CreateTablesAsync(_options);
        _table = _tableService.GetTableClient(_options.TableName(TableNames.Ballots));
        _box = new TableBallotBox(_tableService, Options.Create(_options), TimeProvider.System, NullLogger<TableBallotBox>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await _tableService.DeleteTableAsync(_options.TableName(name));
        }
    }

    [Fact]
    public async Task CastAsync_ThreeBallots_TallyCountsEveryAnswer()
    {
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("a"), ("ps-risk", 2), ("trust-care", 7)));
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("b"), ("ps-risk", 2), ("trust-care", 1)));
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("c"), ("ps-risk", 5), ("trust-care", 7)));

        var tally = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);

        Assert.Equal(3, tally.Replies);
        Assert.Equal(["ps-risk", "trust-care"], tally.Counts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Counts((2, 2), (5, 1)), tally.Counts["ps-risk"]);
        Assert.Equal(Counts((1, 1), (7, 2)), tally.Counts["trust-care"]);
        AssertAnonymous(await ReadAllAsync(_table), [Hash("a"), Hash("b"), Hash("c")]);
    }

    [Fact]
    public async Task CastAsync_HashAlreadyCast_ReturnsAlreadyCastAndWritesNothing()
    {
        await CastAsync(Hash("a"), ("ps-risk", 3));
        await CastAsync(Hash("b"), ("ps-risk", 4));
        var before = Snapshot(await ReadAllAsync(_table));

        var outcome = await CastAsync(Hash("a"), ("ps-risk", 6), ("ps-skills", 1));

        Assert.Equal(BallotOutcome.AlreadyCast, outcome);
        Assert.Equal(before, Snapshot(await ReadAllAsync(_table)));
        var tally = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        Assert.Equal(2, tally.Replies);
        Assert.Equal(Counts((3, 1), (4, 1)), tally.Counts["ps-risk"]);
        Assert.False(tally.Counts.ContainsKey("ps-skills"));
    }

    [Fact]
    public async Task CastAsync_NoAnswers_CountsTheReplyOnly()
    {
        Assert.Equal(BallotOutcome.Counted, await CastAsync(Hash("speaker")));

        var tally = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);

        Assert.Equal(1, tally.Replies);
        Assert.Empty(tally.Counts);
        Assert.Equal(BallotOutcome.AlreadyCast, await CastAsync(Hash("speaker")));
    }

    [Fact]
    public async Task GetTallyAsync_VotesInEveryShard_SumsAllShards()
    {
        var hashes = "0123456789abcdef".Select(shard => HashInShard(shard, $"voter-{shard}")).ToList();
        for (var i = 0; i < hashes.Count; i++)
        {
            await CastAsync(hashes[i], ("ps-mistakes", (i % 7) + 1));
        }

        var tally = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);

        Assert.Equal(16, tally.Replies);
        Assert.Equal(Counts((1, 3), (2, 3), (3, 2), (4, 2), (5, 2), (6, 2), (7, 2)), tally.Counts["ps-mistakes"]);
        var rows = await ReadAllAsync(_table);
        Assert.Equal(16, rows.Select(row => row.PartitionKey).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, row => Assert.StartsWith(Tenant + "|" + Box + "|", row.PartitionKey, StringComparison.Ordinal));
        AssertAnonymous(rows, hashes);
    }

    [Fact]
    public async Task GetTallyAsync_UnknownBox_IsEmpty()
    {
        await CastAsync(Hash("a"), ("ps-risk", 3));

        var tally = await _box.GetTallyAsync(Tenant, "no-such-box", CancellationToken.None);

        Assert.Equal(0, tally.Replies);
        Assert.Empty(tally.Counts);
    }

    [Fact]
    public async Task CastAsync_SameBoxIdAndHashInTwoTenants_KeepsThemApart()
    {
        await CastAsync(Hash("a"), ("ps-risk", 1));

        Assert.False(await _box.HasParticipatedAsync(OtherTenant, Box, Hash("a"), CancellationToken.None));
        Assert.Equal(0, (await _box.GetTallyAsync(OtherTenant, Box, CancellationToken.None)).Replies);

        var outcome = await _box.CastAsync(OtherTenant, Box, Hash("a"), new Dictionary<string, int> { ["ps-risk"] = 7 }, CancellationToken.None);

        Assert.Equal(BallotOutcome.Counted, outcome);
        var mine = await _box.GetTallyAsync(Tenant, Box, CancellationToken.None);
        var theirs = await _box.GetTallyAsync(OtherTenant, Box, CancellationToken.None);
        Assert.Equal(1, mine.Replies);
        Assert.Equal(Counts((1, 1)), mine.Counts["ps-risk"]);
        Assert.Equal(1, theirs.Replies);
        Assert.Equal(Counts((7, 1)), theirs.Counts["ps-risk"]);
    }

    [Theory]
    [InlineData("a|b", "c", "a", "b|c")]
    [InlineData("t/1", "box#1", "t%2F1", "box%231")]
    [InlineData("tenant", "box", "tenant", "box|00")]
    public async Task CastAsync_IdsThatCouldShareAKeyPrefix_KeepBoxesApart(string tenantA, string boxA, string tenantB, string boxB)
    {
        var ballot = new Dictionary<string, int> { ["ps-risk"] = 4 };
        var hash = HashInShard('0', "x");
        Assert.Equal(BallotOutcome.Counted, await _box.CastAsync(tenantA, boxA, hash, ballot, CancellationToken.None));

        Assert.False(await _box.HasParticipatedAsync(tenantB, boxB, hash, CancellationToken.None));
        Assert.Equal(0, (await _box.GetTallyAsync(tenantB, boxB, CancellationToken.None)).Replies);
        Assert.Equal(BallotOutcome.Counted, await _box.CastAsync(tenantB, boxB, hash, ballot, CancellationToken.None));
        Assert.Equal(1, (await _box.GetTallyAsync(tenantA, boxA, CancellationToken.None)).Replies);
        Assert.Equal(1, (await _box.GetTallyAsync(tenantB, boxB, CancellationToken.None)).Replies);
    }

    [Fact]
    public async Task HasParticipatedAsync_BeforeAndAfterCasting_ReflectsTheParticipationRow()
    {
        Assert.False(await _box.HasParticipatedAsync(Tenant, Box, Hash("a"), CancellationToken.None));

        await CastAsync(Hash("a"), ("ps-risk", 5));

        Assert.True(await _box.HasParticipatedAsync(Tenant, Box, Hash("a"), CancellationToken.None));
        Assert.False(await _box.HasParticipatedAsync(Tenant, Box, Hash("b"), CancellationToken.None));
        Assert.False(await _box.HasParticipatedAsync(Tenant, Box + "2", Hash("a"), CancellationToken.None));
    }

    [Theory]
    [InlineData("ps-risk", 0)]
    [InlineData("ps-risk", 8)]
    [InlineData("ps-risk", -1)]
    [InlineData("", 3)]
    [InlineData("  ", 3)]
    [InlineData("_replies", 3)]
    public async Task CastAsync_InvalidAnswers_ThrowsAndWritesNothing(string statementId, int answer)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _box.CastAsync(
            Tenant, Box, Hash("a"), new Dictionary<string, int> { ["ps-skills"] = 4, [statementId] = answer }, CancellationToken.None));

        Assert.Empty(await ReadAllAsync(_table));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("4F1D2C3B5A6E4B7C8D9E0F1A2B3C4D5E4F1D2C3B5A6E4B7C8D9E0F1A2B3C4D5E")]
    [InlineData("4f1d2c3b-5a6e-4b7c-8d9e-0f1a2b3c4d5e")]
    [InlineData("g000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000a")]
    public async Task CastAsync_MalformedHash_ThrowsWithoutEchoingItAndWritesNothing(string hash)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => _box.CastAsync(
            Tenant, Box, hash, new Dictionary<string, int> { ["ps-skills"] = 4 }, CancellationToken.None));

        Assert.Equal("participationHash", exception.ParamName);
        if (hash.Length > 0)
        {
            Assert.DoesNotContain(hash, exception.Message, StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<ArgumentException>(() => _box.HasParticipatedAsync(Tenant, Box, hash, CancellationToken.None));
        Assert.Empty(await ReadAllAsync(_table));
    }

    private Task<BallotOutcome> CastAsync(string hash, params (string Statement, int Answer)[] answers) =>
        _box.CastAsync(Tenant, Box, hash, answers.ToDictionary(a => a.Statement, a => a.Answer), CancellationToken.None);

    private static List<string> Snapshot(IEnumerable<TableEntity> rows) =>
        [.. rows.Select(row => $"{row.PartitionKey}/{row.RowKey}/{row.ETag}/" +
            string.Join(",", row.Where(c => c.Key is not ("Timestamp" or "odata.etag")).Select(c => $"{c.Key}={c.Value}")))
            .Order(StringComparer.Ordinal)];
}
