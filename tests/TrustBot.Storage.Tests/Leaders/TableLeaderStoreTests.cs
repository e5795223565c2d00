using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Leaders;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Leaders;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Leaders;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableLeaderStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Team = "19:team@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2026, 3, 4, 9, 15, 30, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly StorageOptions _options = azurite.NewOptions();
    private TableClient _table = null!;
    private TableLeaderStore _store = null!;

    public async Task InitializeAsync()
    {
        var tableService = new TableServiceClient(azurite.ConnectionString);
        _table = tableService.GetTableClient(_options.TableName(TableNames.Leaders));
        await _table.CreateIfNotExistsAsync();
        _store = new TableLeaderStore(tableService, Options.Create(_options), NullLogger<TableLeaderStore>.Instance);
    }

    public Task DisposeAsync() => _table.DeleteAsync();

    [Fact]
    public async Task AddAsync_NewLeader_RoundTripsEveryColumn()
    {
        var leader = Leader(Team, "29:1ada") with
        {
            AadObjectId = "0b1c2d3e-0000-4000-8000-000000000001",
            Name = "Ada Lovelace",
            TimeZoneId = "Europe/Berlin",
            NudgeDay = DayOfWeek.Thursday,
            NudgeTime = new TimeOnly(14, 30),
            ChatConversationId = "a:1chat",
            Unreachable = true,
            AddedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
        };

        Assert.True(await _store.AddAsync(leader, None));
        var stored = await _store.GetAsync(Tenant, Team, "29:1ada", None);

        Assert.Equal(leader with { AddedAt = leader.AddedAt.ToUniversalTime() }, stored);
    }

    [Fact]
    public async Task AddAsync_PersonAlreadyLeads_ReturnsFalseAndKeepsTheStoredRow()
    {
        Assert.True(await _store.AddAsync(Leader(Team, "29:1ada") with { Name = "Ada" }, None));

        Assert.False(await _store.AddAsync(Leader(Team, "29:1ada") with { Name = "Someone else" }, None));

        Assert.Equal("Ada", (await _store.GetAsync(Tenant, Team, "29:1ada", None))!.Name);
    }

    [Fact]
    public async Task Keys_StartWithTheTenant_AndEscapeTeamIdsWithSlashesAndSeparators()
    {
        const string oddTeam = "19:a/b|c#d@thread.tacv2";
        await _store.AddAsync(Leader(oddTeam, "29:1ada"), None);

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(Tenant, row.PartitionKey);
        Assert.Equal("19:a%2Fb%7Cc%23d@thread.tacv2|29:1ada", row.RowKey);
        Assert.NotNull(await _store.GetAsync(Tenant, oddTeam, "29:1ada", None));
    }

    [Fact]
    public async Task ListForTeamAsync_ReturnsOnlyThatTeamsLeaders_NotTeamsWhoseKeyItPrefixes()
    {
        await _store.AddAsync(Leader(Team, "29:1ada"), None);
        await _store.AddAsync(Leader(Team, "29:1grace"), None);
        await _store.AddAsync(Leader(Team + "x", "29:1alan"), None);
        await _store.AddAsync(Leader("19:a", "29:1edsger"), None);
        await _store.AddAsync(Leader(Team, "29:1other") with { TenantId = "another-tenant" }, None);

        var leaders = await ToListAsync(_store.ListForTeamAsync(Tenant, Team, None));

        Assert.Equal(["29:1ada", "29:1grace"], leaders.Select(l => l.UserId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListForPersonAsync_FindsEveryTeamByUserIdOrEntraId_InTheTenantOnly()
    {
        await _store.AddAsync(Leader("19:t1", "29:1ada"), None);
        await _store.AddAsync(Leader("19:t2", "29:1ada-other-id") with { AadObjectId = "aad-ada" }, None);
        await _store.AddAsync(Leader("19:t3", "29:1grace") with { AadObjectId = "aad-grace" }, None);
        await _store.AddAsync(Leader("19:t4", "29:1ada") with { TenantId = "another-tenant" }, None);

        var both = await ToListAsync(_store.ListForPersonAsync(Tenant, "29:1ada", "aad-ada", None));
        var byId = await ToListAsync(_store.ListForPersonAsync(Tenant, "29:1ada", null, None));
        var byAad = await ToListAsync(_store.ListForPersonAsync(Tenant, null, "aad-ada", None));
        var neither = await ToListAsync(_store.ListForPersonAsync(Tenant, null, null, None));

        Assert.Equal(["19:t1", "19:t2"], both.Select(l => l.TeamKey).Order(StringComparer.Ordinal));
        Assert.Equal(["19:t1"], byId.Select(l => l.TeamKey));
        Assert.Equal(["19:t2"], byAad.Select(l => l.TeamKey));
        Assert.Empty(neither);
    }

    [Fact]
    public async Task ListForPersonAsync_ValueWithQuotes_IsMatchedLiterallyNotAsFilterSyntax()
    {
        await _store.AddAsync(Leader(Team, "29:1ada"), None);

        var injected = await ToListAsync(_store.ListForPersonAsync(Tenant, "x' or UserId ne 'x", null, None));

        Assert.Empty(injected);
    }

    [Fact]
    public async Task UpdateAsync_StoredLeader_ReplacesTheRow()
    {
        var leader = Leader(Team, "29:1ada");
        await _store.AddAsync(leader, None);

        Assert.True(await _store.UpdateAsync(leader with { ChatConversationId = "a:1chat", TimeZoneId = "Asia/Tokyo" }, None));

        var stored = await _store.GetAsync(Tenant, Team, "29:1ada", None);
        Assert.Equal("a:1chat", stored!.ChatConversationId);
        Assert.Equal("Asia/Tokyo", stored.TimeZoneId);
    }

    [Fact]
    public async Task UpdateAsync_LeaderRemovedMeanwhile_ReturnsFalseAndDoesNotBringThemBack()
    {
        var leader = Leader(Team, "29:1ada");
        await _store.AddAsync(leader, None);
        Assert.True(await _store.RemoveAsync(Tenant, Team, "29:1ada", None));

        Assert.False(await _store.UpdateAsync(leader with { Unreachable = true }, None));

        Assert.Null(await _store.GetAsync(Tenant, Team, "29:1ada", None));
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task SetChatAsync_StoresTheChatAndLeavesEveryOtherFieldAsStored()
    {
        var leader = Leader(Team, "29:1ada");
        await _store.AddAsync(leader, None);
        // Changed after the sender's plan read the leader: the chat write must not undo it.
        await _store.UpdateAsync(leader with { TimeZoneId = "Asia/Tokyo", Name = "Ada L." }, None);

        Assert.True(await _store.SetChatAsync(Tenant, Team, "29:1ada", "a:1chat", None));

        var stored = await _store.GetAsync(Tenant, Team, "29:1ada", None);
        Assert.Equal(("a:1chat", "Asia/Tokyo", "Ada L."), (stored!.ChatConversationId, stored.TimeZoneId, stored.Name));
    }

    [Fact]
    public async Task SetChatAsync_LeaderRemovedMeanwhile_ReturnsFalseAndDoesNotBringThemBack()
    {
        Assert.False(await _store.SetChatAsync(Tenant, Team, "29:1ada", "a:1chat", None));

        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task RemoveAsync_NotALeader_ReturnsFalse()
    {
        await _store.AddAsync(Leader(Team, "29:1ada"), None);

        Assert.False(await _store.RemoveAsync(Tenant, Team, "29:1grace", None));
        Assert.False(await _store.RemoveAsync(Tenant, "19:elsewhere", "29:1ada", None));

        Assert.Single(await RowsAsync());
    }

    private static Leader Leader(string team, string userId) => new()
    {
        TenantId = Tenant,
        TeamKey = team,
        UserId = userId,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        BotId = "28:bot",
        AddedAt = T0,
    };

    private async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<List<Leader>> ToListAsync(IAsyncEnumerable<Leader> leaders)
    {
        var list = new List<Leader>();
        await foreach (var leader in leaders)
        {
            list.Add(leader);
        }

        return list;
    }
}
