using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Nudges;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Nudges;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Nudges;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableNudgeStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "11111111-2222-3333-4444-555555555555";
    private const string Team = "19:Yq3bN8mR2sT5vW7xZ9aC1dE4fG6hJ0kL@thread.tacv2";
    private const string OtherTeam = "19:other/team#with?odd|chars@thread.tacv2";
    private const string Leader = "29:1leader-Qx8vB3nM8qW5eR2tY9uI6oP3lK";
    private const string OtherLeader = "29:1other-Zz8vB3nM8qW5eR2tY9uI6oP3lK";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly StorageOptions _options = azurite.NewOptions();
    private TableServiceClient _tableService = null!;
    private TableNudgeStore _store = null!;

    public async Task InitializeAsync()
    {
        _tableService = await AzuriteServer.CreateTablesAsync(_options);
        _store = new TableNudgeStore(_tableService, Options.Create(_options), NullLogger<TableNudgeStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await _tableService.DeleteTableAsync(_options.TableName(name));
        }
    }

    [Fact]
    public async Task SaveAsync_ThenGetAsync_RoundTripsEveryField()
    {
        var record = Record("ng-1", T0.ToOffset(TimeSpan.FromHours(1)).AddTicks(1234567)) with
        {
            Response = NudgeResponse.RemindTomorrow,
            RespondedAt = T0.AddHours(3),
            ActivityId = "1:act-1",
        };

        await _store.SaveAsync(record, CancellationToken.None);
        var stored = await _store.GetAsync(Tenant, Team, Leader, "ng-1", CancellationToken.None);

        Assert.Equal(record with { SentAt = record.SentAt.ToUniversalTime() }, stored);
        Assert.Equal(TimeSpan.Zero, stored!.SentAt.Offset);
    }

    [Fact]
    public async Task SaveAsync_SameNudgeTwice_ReplacesTheRow()
    {
        await _store.SaveAsync(Record("ng-1", T0), CancellationToken.None);

        await _store.SaveAsync(Record("ng-1", T0) with { ActivityId = "1:act-2" }, CancellationToken.None);

        var row = Assert.Single(await ReadAllRowsAsync());
        Assert.Equal("1:act-2", row.GetString("ActivityId"));
        Assert.Equal(Tenant, row.PartitionKey);
    }

    [Fact]
    public async Task GetAsync_OtherLeaderTeamOrTenant_ReturnsNull()
    {
        await _store.SaveAsync(Record("ng-1", T0), CancellationToken.None);

        Assert.Null(await _store.GetAsync(Tenant, Team, OtherLeader, "ng-1", CancellationToken.None));
        Assert.Null(await _store.GetAsync(Tenant, OtherTeam, Leader, "ng-1", CancellationToken.None));
        Assert.Null(await _store.GetAsync(OtherTenant, Team, Leader, "ng-1", CancellationToken.None));
        Assert.Null(await _store.GetAsync(Tenant, Team, Leader, "ng-2", CancellationToken.None));
    }

    [Fact]
    public async Task ListForLeaderAsync_ReturnsOnlyThatLeadersNudgesSinceTheBoundNewestFirst()
    {
        await _store.SaveAsync(Record("ng-old", T0.AddDays(-70)), CancellationToken.None);
        await _store.SaveAsync(Record("ng-edge", T0.AddDays(-56)), CancellationToken.None);
        await _store.SaveAsync(Record("ng-mid", T0.AddDays(-7)), CancellationToken.None);
        await _store.SaveAsync(Record("ng-new", T0), CancellationToken.None);
        await _store.SaveAsync(Record("ng-other-leader", T0) with { LeaderUserId = OtherLeader }, CancellationToken.None);
        await _store.SaveAsync(Record("ng-other-team", T0) with { TeamKey = OtherTeam }, CancellationToken.None);
        await _store.SaveAsync(Record("ng-other-tenant", T0) with { TenantId = OtherTenant }, CancellationToken.None);

        var list = await _store.ListForLeaderAsync(Tenant, Team, Leader, T0.AddDays(-56), CancellationToken.None);

        Assert.Equal(["ng-new", "ng-mid", "ng-edge"], list.Select(r => r.NudgeId));
    }

    [Fact]
    public async Task ListForLeaderAsync_NotForMeOlderThanTheBound_StillListed()
    {
        await _store.SaveAsync(Record("ng-refused", T0.AddDays(-400)) with { Response = NudgeResponse.NotForMe, RespondedAt = T0.AddDays(-400) }, CancellationToken.None);
        await _store.SaveAsync(Record("ng-done", T0.AddDays(-300)) with { Response = NudgeResponse.Done, RespondedAt = T0.AddDays(-300) }, CancellationToken.None);
        await _store.SaveAsync(Record("ng-new", T0), CancellationToken.None);

        var list = await _store.ListForLeaderAsync(Tenant, Team, Leader, T0.AddDays(-56), CancellationToken.None);

        Assert.Equal(["ng-new", "ng-refused"], list.Select(r => r.NudgeId));
    }

    [Fact]
    public async Task ListForLeaderAsync_TeamIdWithReservedCharacters_KeptApartAndRoundTripped()
    {
        await _store.SaveAsync(Record("ng-1", T0) with { TeamKey = OtherTeam }, CancellationToken.None);
        await _store.SaveAsync(Record("ng-2", T0), CancellationToken.None);

        var list = await _store.ListForLeaderAsync(Tenant, OtherTeam, Leader, T0.AddDays(-1), CancellationToken.None);

        var only = Assert.Single(list);
        Assert.Equal(OtherTeam, only.TeamKey);
        Assert.Equal("ng-1", only.NudgeId);
    }

    [Fact]
    public async Task SetResponseAsync_RecordsTheAnswerAndKeepsTheRest()
    {
        await _store.SaveAsync(Record("ng-1", T0) with { ActivityId = "1:act-1" }, CancellationToken.None);

        Assert.True(await _store.SetResponseAsync(Tenant, Team, Leader, "ng-1", NudgeResponse.Done, T0.AddHours(5), CancellationToken.None));

        var stored = await _store.GetAsync(Tenant, Team, Leader, "ng-1", CancellationToken.None);
        Assert.Equal(Record("ng-1", T0) with { ActivityId = "1:act-1", Response = NudgeResponse.Done, RespondedAt = T0.AddHours(5) }, stored);
    }

    [Fact]
    public async Task SetResponseAsync_UnknownNudge_ReturnsFalseAndWritesNothing()
    {
        Assert.False(await _store.SetResponseAsync(Tenant, Team, Leader, "ng-none", NudgeResponse.Done, T0, CancellationToken.None));

        Assert.Empty(await ReadAllRowsAsync());
    }

    [Fact]
    public async Task SetResponseAsync_ManyAtOnce_EveryCallSucceeds()
    {
        await _store.SaveAsync(Record("ng-1", T0), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            _store.SetResponseAsync(Tenant, Team, Leader, "ng-1", NudgeResponse.Done, T0.AddMinutes(i), CancellationToken.None)));

        Assert.All(results, Assert.True);
        Assert.Equal(NudgeResponse.Done, (await _store.GetAsync(Tenant, Team, Leader, "ng-1", CancellationToken.None))!.Response);
    }

    [Fact]
    public async Task SaveAsync_RowKey_StartsWithTheLeaderPrefixAndSortsNewestFirst()
    {
        await _store.SaveAsync(Record("ng-older", T0.AddDays(-7)), CancellationToken.None);
        await _store.SaveAsync(Record("ng-newer", T0), CancellationToken.None);

        var rows = await ReadAllRowsAsync();

        Assert.All(rows, r => Assert.StartsWith(NudgeEntity.LeaderPrefix(Team, Leader), r.RowKey, StringComparison.Ordinal));
        Assert.Equal(["ng-newer", "ng-older"], rows.Select(r => r.GetString("NudgeId")));
    }

    private static NudgeRecord Record(string nudgeId, DateTimeOffset sentAt) =>
        new(Tenant, Team, Leader, nudgeId, "share-a-mistake", sentAt);

    private async Task<List<TableEntity>> ReadAllRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _tableService.GetTableClient(_options.TableName(TableNames.Nudges)).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
