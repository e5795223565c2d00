using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using TrustBot.Core.Digests;
using TrustBot.Storage.Digests;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Storage.Tests.Digests;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TablePredictionStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "0d6b5c7e-1f2a-4b3c-8d9e-0a1b2c3d4e5f";
    private const string Team = "19:team/with#odd?chars@thread.tacv2";
    private const string OtherTeam = "19:other@thread.tacv2";
    private const string Leader = "29:1leader|a";
    private const string OtherLeader = "29:1leader";
    private static readonly DateTimeOffset T0 = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);

    private StorageOptions _options = null!;
    private TableServiceClient _tables = null!;
    private TablePredictionStore _store = null!;

    public async Task InitializeAsync()
    {
        _options = azurite.NewOptions();
        _tables = await AzuriteServer.CreateTablesAsync(_options);
        _store = new TablePredictionStore(_tables, OptionsFactory.Create(_options), NullLogger<TablePredictionStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await _tables.DeleteTableAsync(_options.TableName(name));
        }
    }

    [Fact]
    public async Task ListAsync_SeveralInTheWindow_NewestFirst()
    {
        await SaveAsync(60, T0.AddHours(1));
        await SaveAsync(72, T0.AddHours(3));
        await SaveAsync(65, T0.AddHours(2));

        var listed = await ListAsync(T0, T0.AddDays(1));

        Assert.Equal([72, 65, 60], listed.Select(p => p.Value));
        Assert.Equal(new Prediction(Tenant, Team, Leader, 72, T0.AddHours(3), MadeBeforeResults: true), listed[0]);
    }

    [Fact]
    public async Task ListAsync_WindowIncludesFromAndExcludesUntil()
    {
        await SaveAsync(40, T0);
        await SaveAsync(90, T0.AddDays(1));

        Assert.Equal([40], (await ListAsync(T0, T0.AddDays(1))).Select(p => p.Value));
        Assert.Empty(await ListAsync(T0.AddTicks(1), T0.AddDays(1)));
        Assert.Equal([90, 40], (await ListAsync(T0, T0.AddDays(1).AddTicks(1))).Select(p => p.Value));
        Assert.Empty(await ListAsync(T0.AddDays(1), T0));
    }

    [Fact]
    public async Task ListAsync_OtherLeaderTeamOrTenant_SeesNothing()
    {
        await SaveAsync(55, T0);

        Assert.Empty(await ListAsync(T0.AddDays(-1), T0.AddDays(1), leader: OtherLeader));
        Assert.Empty(await ListAsync(T0.AddDays(-1), T0.AddDays(1), team: OtherTeam));
        Assert.Empty(await ListAsync(T0.AddDays(-1), T0.AddDays(1), tenant: OtherTenant));
        Assert.Equal([55], (await ListAsync(T0.AddDays(-1), T0.AddDays(1))).Select(p => p.Value));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SaveAsync_WhetherItWasMadeBeforeResults_IsAColumnThatReadsBack(bool madeBeforeResults)
    {
        await _store.SaveAsync(Tenant, Team, Leader, 55, T0, madeBeforeResults, CancellationToken.None);

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(madeBeforeResults, row.GetBoolean("MadeBeforeResults"));
        Assert.Equal(madeBeforeResults, Assert.Single(await ListAsync(T0, T0.AddDays(1))).MadeBeforeResults);
    }

    [Fact]
    public async Task ListAsync_RowWrittenBeforeTheColumnExisted_ReadsAsUnknown()
    {
        await SaveAsync(55, T0);
        var table = _tables.GetTableClient(_options.TableName(TableNames.Predictions));
        var row = Assert.Single(await RowsAsync());
        row.Remove("MadeBeforeResults");
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);

        var read = Assert.Single(await ListAsync(T0, T0.AddDays(1)));

        Assert.False((await RowsAsync())[0].ContainsKey("MadeBeforeResults"));
        Assert.Null(read.MadeBeforeResults);
        Assert.Equal(55, read.Value);
    }

    [Fact]
    public async Task SaveAsync_RowKeysStartWithTheTenantAndHoldNothingButTheLeadersOwnGuess()
    {
        await SaveAsync(55, T0);

        var only = Assert.Single(await RowsAsync());
        Assert.StartsWith(Tenant + "|", only.PartitionKey, StringComparison.Ordinal);
        Assert.Equal(55, only.GetInt32("Value"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task SaveAsync_OutOfRange_Throws(int value)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.SaveAsync(Tenant, Team, Leader, value, T0, true, CancellationToken.None));
    }

    private Task SaveAsync(int value, DateTimeOffset madeAt) => _store.SaveAsync(Tenant, Team, Leader, value, madeAt, true, CancellationToken.None);

    private async Task<List<Prediction>> ListAsync(
        DateTimeOffset from, DateTimeOffset until, string tenant = Tenant, string team = Team, string leader = Leader)
    {
        var found = new List<Prediction>();
        await foreach (var prediction in _store.ListAsync(tenant, team, leader, from, until, CancellationToken.None))
        {
            found.Add(prediction);
        }

        return found;
    }

    private async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _tables.GetTableClient(_options.TableName(TableNames.Predictions)).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
