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
    public async Task GetLatestAsync_SeveralInTheWindow_ReturnsTheNewest()
    {
        await _store.SaveAsync(Tenant, Team, Leader, 60, T0.AddHours(1), CancellationToken.None);
        await _store.SaveAsync(Tenant, Team, Leader, 72, T0.AddHours(3), CancellationToken.None);
        await _store.SaveAsync(Tenant, Team, Leader, 65, T0.AddHours(2), CancellationToken.None);

        var latest = await _store.GetLatestAsync(Tenant, Team, Leader, T0, T0.AddDays(1), CancellationToken.None);

        Assert.Equal(new Prediction(Tenant, Team, Leader, 72, T0.AddHours(3)), latest);
    }

    [Fact]
    public async Task GetLatestAsync_WindowIncludesFromAndExcludesUntil()
    {
        await _store.SaveAsync(Tenant, Team, Leader, 40, T0, CancellationToken.None);
        await _store.SaveAsync(Tenant, Team, Leader, 90, T0.AddDays(1), CancellationToken.None);

        var inWindow = await _store.GetLatestAsync(Tenant, Team, Leader, T0, T0.AddDays(1), CancellationToken.None);
        var before = await _store.GetLatestAsync(Tenant, Team, Leader, T0.AddTicks(1), T0.AddDays(1), CancellationToken.None);
        var later = await _store.GetLatestAsync(Tenant, Team, Leader, T0, T0.AddDays(1).AddTicks(1), CancellationToken.None);

        Assert.Equal(40, inWindow?.Value);
        Assert.Null(before);
        Assert.Equal(90, later?.Value);
    }

    [Fact]
    public async Task GetLatestAsync_OtherLeaderTeamOrTenant_SeesNothing()
    {
        await _store.SaveAsync(Tenant, Team, Leader, 55, T0, CancellationToken.None);

        Assert.Null(await _store.GetLatestAsync(Tenant, Team, OtherLeader, T0.AddDays(-1), T0.AddDays(1), CancellationToken.None));
        Assert.Null(await _store.GetLatestAsync(Tenant, OtherTeam, Leader, T0.AddDays(-1), T0.AddDays(1), CancellationToken.None));
        Assert.Null(await _store.GetLatestAsync(OtherTenant, Team, Leader, T0.AddDays(-1), T0.AddDays(1), CancellationToken.None));
        Assert.Equal(55, (await _store.GetLatestAsync(Tenant, Team, Leader, T0.AddDays(-1), T0.AddDays(1), CancellationToken.None))?.Value);
    }

    [Fact]
    public async Task SaveAsync_RowKeysStartWithTheTenantAndHoldNothingButTheLeadersOwnGuess()
    {
        await _store.SaveAsync(Tenant, Team, Leader, 55, T0, CancellationToken.None);

        var rows = new List<TableEntity>();
        await foreach (var row in _tables.GetTableClient(_options.TableName(TableNames.Predictions)).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        var only = Assert.Single(rows);
        Assert.StartsWith(Tenant + "|", only.PartitionKey, StringComparison.Ordinal);
        Assert.Equal(55, only.GetInt32("Value"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task SaveAsync_OutOfRange_Throws(int value)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.SaveAsync(Tenant, Team, Leader, value, T0, CancellationToken.None));
    }
}
