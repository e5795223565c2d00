using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.CheckIns;
using TrustBot.Storage.CheckIns;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.CheckIns;

/// <summary>A team has one open check-in at a time, also when several instances create one at the same moment.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class OneOpenCheckInStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Team = "19:Yq3bN8mR2sT5vW7xZ9aC1dE4fG6hJ0kL@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 15, 30, TimeSpan.Zero);

    private readonly StorageOptions _options = azurite.NewOptions();
    private TableServiceClient _tableService = null!;
    private TableCheckInStore _store = null!;

    public async Task InitializeAsync()
    {
        _tableService = await AzuriteServer.CreateTablesAsync(_options);
        _store = NewStore();
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await _tableService.DeleteTableAsync(_options.TableName(name));
        }
    }

    [Fact]
    public async Task CreateAsync_WhileOneIsOpen_StoresNothingAndReturnsTheOpenOne()
    {
        Assert.Null(await _store.CreateAsync(NewCheckIn("first"), Salt(1), CancellationToken.None));

        var blocker = await _store.CreateAsync(NewCheckIn("second", opensAt: T0.AddHours(2)), Salt(2), CancellationToken.None);

        Assert.Equal("first", blocker?.CheckInId);
        Assert.Null(await _store.GetAsync(Tenant, "second", CancellationToken.None));
        Assert.Null(await _store.GetSaltAsync(Tenant, "second", CancellationToken.None));
        Assert.Single(await ReadAllAsync(TableNames.CheckInSalts));
        Assert.Single(await ReadAllAsync(TableNames.CheckInsClosing));
    }

    [Fact]
    public async Task CreateAsync_ForAnotherTeam_IsNotBlocked()
    {
        Assert.Null(await _store.CreateAsync(NewCheckIn("first"), Salt(1), CancellationToken.None));

        Assert.Null(await _store.CreateAsync(NewCheckIn("other") with { InstallationKey = "19:other@thread.tacv2" }, Salt(2), CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_AfterTheOpenOneClosed_Opens()
    {
        await _store.CreateAsync(NewCheckIn("first"), Salt(1), CancellationToken.None);
        Assert.True(await _store.CloseAsync(Tenant, "first", T0.AddHours(1), CancellationToken.None));

        Assert.Null(await _store.CreateAsync(NewCheckIn("second", opensAt: T0.AddHours(2)), Salt(2), CancellationToken.None));
        Assert.Equal("second", (await _store.GetOpenAsync(Tenant, Team, T0.AddHours(3), CancellationToken.None))?.CheckInId);
    }

    [Fact]
    public async Task CreateAsync_AfterTheOpenOnesClosingTimeButBeforeTheCloserRan_Opens()
    {
        await _store.CreateAsync(NewCheckIn("first"), Salt(1), CancellationToken.None);

        Assert.Null(await _store.CreateAsync(NewCheckIn("second", opensAt: T0.AddDays(3)), Salt(2), CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_MarkerLeftByACloseThatCrashedBeforeReleasingIt_IsTakenOver()
    {
        await _store.CreateAsync(NewCheckIn("first"), Salt(1), CancellationToken.None);
        // What a crash right after the close's conditional update leaves: a closed check-in that the marker still names.
        var checkIns = _tableService.GetTableClient(_options.TableName(TableNames.CheckIns));
        var row = Assert.Single(await ReadAllAsync(TableNames.CheckIns), r => r.ContainsKey(nameof(CheckIn.InstallationKey)));
        row["Status"] = nameof(CheckInStatus.Closed);
        await checkIns.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        Assert.Null(await _store.CreateAsync(NewCheckIn("second", opensAt: T0.AddHours(1)), Salt(2), CancellationToken.None));

        Assert.Equal("second", (await _store.GetOpenAsync(Tenant, Team, T0.AddHours(2), CancellationToken.None))?.CheckInId);
    }

    [Fact]
    public async Task GetOpenAsync_OpenOnlyUntilItsClosingTime()
    {
        Assert.Null(await _store.GetOpenAsync(Tenant, Team, T0, CancellationToken.None));
        await _store.CreateAsync(NewCheckIn("first"), Salt(1), CancellationToken.None);

        Assert.Equal("first", (await _store.GetOpenAsync(Tenant, Team, T0.AddDays(1), CancellationToken.None))?.CheckInId);
        Assert.Null(await _store.GetOpenAsync(Tenant, Team, T0.AddDays(3), CancellationToken.None));
        Assert.Null(await _store.GetOpenAsync(Tenant, "19:other@thread.tacv2", T0.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_ManyAtOnceFromTwoInstances_OpensExactlyOne()
    {
        // Two store objects over the same tables stand for two host instances.
        var stores = new[] { _store, NewStore() };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            stores[i % 2].CreateAsync(NewCheckIn($"attempt-{i}"), Salt((byte)i), CancellationToken.None)));

        var opened = results.Count(r => r is null);
        Assert.Equal(1, opened);
        var rows = (await ReadAllAsync(TableNames.CheckIns)).Where(r => r.ContainsKey(nameof(CheckIn.InstallationKey))).ToList();
        var winner = Assert.Single(rows).GetString(nameof(CheckIn.CheckInId));
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(winner, r!.CheckInId));
        // The losers' salts and index rows are gone: nothing is left that could lead to a check-in nobody sees.
        Assert.Single(await ReadAllAsync(TableNames.CheckInSalts));
        Assert.Single(await ReadAllAsync(TableNames.CheckInsClosing));
    }

    private TableCheckInStore NewStore() => new(_tableService, Options.Create(_options), NullLogger<TableCheckInStore>.Instance);

    private async Task<List<TableEntity>> ReadAllAsync(string table) =>
        await _tableService.GetTableClient(_options.TableName(table)).QueryAsync<TableEntity>().ToListAsync();

    private static byte[] Salt(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)(seed + i + 1))];

    private static CheckIn NewCheckIn(string checkInId, DateTimeOffset? opensAt = null) => new()
    {
        TenantId = Tenant,
        CheckInId = checkInId,
        InstallationKey = Team,
        ConversationId = "19:a8f0c2e4b6d8f0a2c4e6b8d0f2a4c6e8@thread.tacv2",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        StatementIds = ["ps-mistakes", "trust-care"],
        Threshold = 5,
        OpensAt = opensAt ?? T0,
        ClosesAt = (opensAt ?? T0).AddDays(3),
    };
}
