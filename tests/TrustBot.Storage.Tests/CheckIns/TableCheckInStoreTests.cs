using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.CheckIns;
using TrustBot.Storage.CheckIns;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.CheckIns;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableCheckInStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "11111111-2222-3333-4444-555555555555";
    private const string Team = "19:Yq3bN8mR2sT5vW7xZ9aC1dE4fG6hJ0kL@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 15, 30, TimeSpan.Zero);

    private readonly StorageOptions _options = azurite.NewOptions();
    private TableServiceClient _tableService = null!;
    private TableCheckInStore _store = null!;

    public async Task InitializeAsync()
    {
        _tableService = await AzuriteServer.CreateTablesAsync(_options);
        _store = new TableCheckInStore(_tableService, Options.Create(_options), NullLogger<TableCheckInStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableNames.All)
        {
            await _tableService.DeleteTableAsync(_options.TableName(name));
        }
    }

    [Fact]
    public async Task CreateAsync_ThenGetAsync_RoundTripsEveryField()
    {
        var checkIn = NewCheckIn("ci-1") with
        {
            // A non-UTC offset and sub-millisecond ticks: the store keeps the instant, in UTC.
            OpensAt = new DateTimeOffset(2025, 3, 4, 11, 15, 30, TimeSpan.FromHours(2)).AddTicks(1234567),
            ClosesAt = T0.AddDays(3).AddTicks(7654321),
        };

        await _store.CreateAsync(checkIn, Salt(1), CancellationToken.None);
        var stored = await _store.GetAsync(Tenant, "ci-1", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(checkIn.StatementIds, stored.StatementIds);
        Assert.Equal(checkIn with { OpensAt = checkIn.OpensAt.ToUniversalTime(), StatementIds = stored.StatementIds }, stored);
        Assert.Equal(TimeSpan.Zero, stored.OpensAt.Offset);
        Assert.Equal(Salt(1), await _store.GetSaltAsync(Tenant, "ci-1", CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_CheckInRow_HoldsNoSalt()
    {
        await _store.CreateAsync(NewCheckIn("ci-1"), Salt(9), CancellationToken.None);

        var row = Assert.Single(await CheckInRowsAsync());
        Assert.DoesNotContain(row, column => column.Value is byte[]);
        var salt = Assert.Single(await ReadAllAsync(TableNames.CheckInSalts));
        Assert.Equal(
            ["ClosesAt", "Salt"],
            salt.Keys.Where(column => column is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_ExistingId_ThrowsAndKeepsTheOriginalSalt()
    {
        await _store.CreateAsync(NewCheckIn("ci-1"), Salt(1), CancellationToken.None);

        // Another team, so that the one-open-check-in rule does not answer first.
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(
            () => _store.CreateAsync(NewCheckIn("ci-1") with { Threshold = 9, InstallationKey = "19:other@thread.tacv2" }, Salt(2), CancellationToken.None));

        Assert.Equal(Salt(1), await _store.GetSaltAsync(Tenant, "ci-1", CancellationToken.None));
        Assert.Equal(5, (await _store.GetAsync(Tenant, "ci-1", CancellationToken.None))!.Threshold);
    }

    [Fact]
    public async Task CreateAsync_InvalidInput_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CreateAsync(NewCheckIn("a"), [], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(
            () => _store.CreateAsync(NewCheckIn("b") with { Status = CheckInStatus.Closed }, Salt(1), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(
            () => _store.CreateAsync(NewCheckIn("c") with { StatementIds = ["ps-risk,trust-care"] }, Salt(1), CancellationToken.None));

        Assert.Empty(await ReadAllAsync(TableNames.CheckIns));
        Assert.Empty(await ReadAllAsync(TableNames.CheckInSalts));
    }

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        await _store.CreateAsync(NewCheckIn("ci-1"), Salt(1), CancellationToken.None);

        Assert.Null(await _store.GetAsync(Tenant, "ci-2", CancellationToken.None));
        Assert.Null(await _store.GetAsync(OtherTenant, "ci-1", CancellationToken.None));
        Assert.Null(await _store.GetSaltAsync(OtherTenant, "ci-1", CancellationToken.None));
    }

    [Fact]
    public async Task SetActivityIdAsync_Existing_StoresItAndKeepsTheRest()
    {
        var checkIn = NewCheckIn("ci-1");
        await _store.CreateAsync(checkIn, Salt(1), CancellationToken.None);

        await _store.SetActivityIdAsync(Tenant, "ci-1", "1712345678901", CancellationToken.None);

        var stored = await _store.GetAsync(Tenant, "ci-1", CancellationToken.None);
        Assert.Equal(checkIn with { ActivityId = "1712345678901", StatementIds = stored!.StatementIds }, stored);
        Assert.Equal(checkIn.StatementIds, stored.StatementIds);
    }

    [Fact]
    public async Task SetActivityIdAsync_Missing_ThrowsAndCreatesNothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _store.SetActivityIdAsync(Tenant, "ci-missing", "1712345678901", CancellationToken.None));

        Assert.Empty(await ReadAllAsync(TableNames.CheckIns));
    }

    [Fact]
    public async Task CloseAsync_Open_ClosesAndDestroysTheSalt()
    {
        await _store.CreateAsync(NewCheckIn("ci-1"), Salt(1), CancellationToken.None);
        Assert.NotNull(await _store.GetSaltAsync(Tenant, "ci-1", CancellationToken.None));

        Assert.True(await _store.CloseAsync(Tenant, "ci-1", T0.AddDays(3), CancellationToken.None));

        Assert.Equal(CheckInStatus.Closed, (await _store.GetAsync(Tenant, "ci-1", CancellationToken.None))!.Status);
        Assert.Null(await _store.GetSaltAsync(Tenant, "ci-1", CancellationToken.None));
        Assert.Empty(await ReadAllAsync(TableNames.CheckInSalts));
        Assert.Empty(await ReadAllAsync(TableNames.CheckInsClosing));
        var row = Assert.Single(await ReadAllAsync(TableNames.CheckIns));
        Assert.Equal(T0.AddDays(3), row.GetDateTimeOffset("ClosedAt"));
    }

    [Fact]
    public async Task CloseAsync_Twice_SecondReturnsFalseAndKeepsTheFirstCloseTime()
    {
        await _store.CreateAsync(NewCheckIn("ci-1"), Salt(1), CancellationToken.None);
        await _store.CloseAsync(Tenant, "ci-1", T0.AddDays(3), CancellationToken.None);

        Assert.False(await _store.CloseAsync(Tenant, "ci-1", T0.AddDays(4), CancellationToken.None));

        Assert.Equal(T0.AddDays(3), Assert.Single(await ReadAllAsync(TableNames.CheckIns)).GetDateTimeOffset("ClosedAt"));
    }

    [Fact]
    public async Task CloseAsync_Missing_ReturnsFalse()
    {
        Assert.False(await _store.CloseAsync(Tenant, "ci-missing", T0, CancellationToken.None));
    }

    [Fact]
    public async Task CloseAsync_TenConcurrentClosers_ExactlyOneWins()
    {
        await _store.CreateAsync(NewCheckIn("ci-1"), Salt(1), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            _store.CloseAsync(Tenant, "ci-1", T0.AddDays(3).AddSeconds(i), CancellationToken.None))));

        Assert.Single(results, closed => closed);
        Assert.Null(await _store.GetSaltAsync(Tenant, "ci-1", CancellationToken.None));
    }

    [Fact]
    public async Task CloseAsync_ConcurrentWithSetActivityId_KeepsBothChanges()
    {
        await _store.CreateAsync(NewCheckIn("ci-1"), Salt(1), CancellationToken.None);

        var close = Task.Run(() => _store.CloseAsync(Tenant, "ci-1", T0.AddDays(3), CancellationToken.None));
        var record = Task.Run(() => _store.SetActivityIdAsync(Tenant, "ci-1", "1712345678901", CancellationToken.None));
        await Task.WhenAll(close, record);

        Assert.True(await close);
        var stored = await _store.GetAsync(Tenant, "ci-1", CancellationToken.None);
        Assert.Equal(CheckInStatus.Closed, stored!.Status);
        Assert.Equal("1712345678901", stored.ActivityId);
    }

    [Fact]
    public async Task ListDueToCloseAsync_MixedCheckIns_ReturnsOnlyOpenDueOnesAcrossTenants()
    {
        var now = T0;
        // Each in its own team: a team has one open check-in at a time, and this test is about the due list only.
        Task CreateInOwnTeamAsync(CheckIn checkIn) => CreateAsync(checkIn with { InstallationKey = "19:" + checkIn.CheckInId + "@thread.tacv2" });
        await CreateInOwnTeamAsync(NewCheckIn("due-hours-ago") with { ClosesAt = now.AddHours(-5) });
        await CreateInOwnTeamAsync(NewCheckIn("due-other-tenant") with { TenantId = OtherTenant, ClosesAt = now.AddMinutes(-1) });
        await CreateInOwnTeamAsync(NewCheckIn("due-exactly-now") with { ClosesAt = now });
        await CreateInOwnTeamAsync(NewCheckIn("due-days-ago") with { ClosesAt = now.AddDays(-6) });
        await CreateInOwnTeamAsync(NewCheckIn("later-this-hour") with { ClosesAt = now.AddMinutes(1) });
        await CreateInOwnTeamAsync(NewCheckIn("tomorrow") with { ClosesAt = now.AddDays(1) });
        await CreateInOwnTeamAsync(NewCheckIn("already-closed") with { ClosesAt = now.AddHours(-2) });
        await _store.CloseAsync(Tenant, "already-closed", now.AddHours(-2), CancellationToken.None);
        // Left open by a long outage: the due list has no look-back, so it is found however old it is.
        await CreateInOwnTeamAsync(NewCheckIn("due-in-an-outage") with { OpensAt = now.AddDays(-93), ClosesAt = now.AddDays(-90) });

        var due = await _store.ListDueToCloseAsync(now, CancellationToken.None).ToListAsync();

        Assert.Equal(
            ["due-days-ago", "due-exactly-now", "due-hours-ago", "due-in-an-outage", "due-other-tenant"],
            due.Select(c => c.CheckInId).Order(StringComparer.Ordinal));
        Assert.Equal(OtherTenant, due.Single(c => c.CheckInId == "due-other-tenant").TenantId);
        Assert.All(due, c => Assert.Equal(CheckInStatus.Open, c.Status));
    }

    [Fact]
    public async Task ListDueToCloseAsync_AfterClosingEveryDueOne_ReturnsNothing()
    {
        await CreateAsync(NewCheckIn("a") with { ClosesAt = T0.AddHours(-1) });
        await CreateAsync(NewCheckIn("b") with { TenantId = OtherTenant, ClosesAt = T0.AddHours(-30) });

        await foreach (var checkIn in _store.ListDueToCloseAsync(T0, CancellationToken.None))
        {
            Assert.True(await _store.CloseAsync(checkIn.TenantId, checkIn.CheckInId, T0, CancellationToken.None));
        }

        Assert.Empty(await _store.ListDueToCloseAsync(T0, CancellationToken.None).ToListAsync());
        Assert.Empty(await ReadAllAsync(TableNames.CheckInSalts));
        Assert.Empty(await ReadAllAsync(TableNames.CheckInsClosing));
    }

    [Fact]
    public async Task ListDueToCloseAsync_CloseInterruptedBeforeTheSaltWasDeleted_DestroysTheSalt()
    {
        await CreateAsync(NewCheckIn("ci-1") with { ClosesAt = T0.AddHours(-1) });
        // What a crash right after the close's conditional update leaves: a closed row, its salt and its index row.
        var checkIns = _tableService.GetTableClient(_options.TableName(TableNames.CheckIns));
        var row = Assert.Single(await CheckInRowsAsync());
        row["Status"] = nameof(CheckInStatus.Closed);
        await checkIns.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        Assert.Empty(await _store.ListDueToCloseAsync(T0, CancellationToken.None).ToListAsync());

        Assert.Null(await _store.GetSaltAsync(Tenant, "ci-1", CancellationToken.None));
        Assert.Empty(await ReadAllAsync(TableNames.CheckInsClosing));
    }

    [Fact]
    public async Task ListDueToCloseAsync_CreateInterruptedBeforeTheCheckInRow_RemovesItsSaltAndIndexRow()
    {
        await CreateAsync(NewCheckIn("ci-1") with { ClosesAt = T0.AddHours(-1) });
        var checkIns = _tableService.GetTableClient(_options.TableName(TableNames.CheckIns));
        await checkIns.DeleteEntityAsync(Tenant, "ci-1");

        Assert.Empty(await _store.ListDueToCloseAsync(T0, CancellationToken.None).ToListAsync());

        Assert.Empty(await ReadAllAsync(TableNames.CheckInSalts));
        Assert.Empty(await ReadAllAsync(TableNames.CheckInsClosing));
    }

    [Fact]
    public async Task ListForInstallationAsync_SeveralCheckIns_ReturnsThisInstallationsNewestFirst()
    {
        // One after another, as a team's check-ins are: each opens once the one before has closed.
        await CreateAsync(NewCheckIn("oldest") with { OpensAt = T0 });
        await CreateAsync(NewCheckIn("middle") with { OpensAt = T0.AddDays(7), ClosesAt = T0.AddDays(10) });
        await CreateAsync(NewCheckIn("newest") with { OpensAt = T0.AddDays(14), ClosesAt = T0.AddDays(17) });
        await CreateAsync(NewCheckIn("other-team") with { InstallationKey = "19:other@thread.tacv2", OpensAt = T0.AddDays(20) });
        await CreateAsync(NewCheckIn("other-tenant") with { TenantId = OtherTenant, OpensAt = T0.AddDays(21) });

        var listed = await _store.ListForInstallationAsync(Tenant, Team, CancellationToken.None).ToListAsync();

        Assert.Equal(["newest", "middle", "oldest"], listed.Select(c => c.CheckInId));
        Assert.All(listed, c => Assert.Equal((Tenant, Team), (c.TenantId, c.InstallationKey)));
    }

    [Theory]
    [InlineData("tenant/with|pipe", "ci#1?x")]
    [InlineData("it's 'quoted'", "a\\b%2Fc")]
    public async Task Store_KeysWithForbiddenCharacters_RoundTrip(string tenantId, string checkInId)
    {
        var checkIn = NewCheckIn(checkInId) with { TenantId = tenantId, ClosesAt = T0.AddHours(-1) };
        await _store.CreateAsync(checkIn, Salt(3), CancellationToken.None);
        await _store.SetActivityIdAsync(tenantId, checkInId, "1712345678901", CancellationToken.None);

        var stored = await _store.GetAsync(tenantId, checkInId, CancellationToken.None);
        Assert.Equal((tenantId, checkInId, "1712345678901"), (stored!.TenantId, stored.CheckInId, stored.ActivityId));
        Assert.Equal([checkInId], (await _store.ListForInstallationAsync(tenantId, Team, CancellationToken.None).ToListAsync()).Select(c => c.CheckInId));
        Assert.Equal([checkInId], (await _store.ListDueToCloseAsync(T0, CancellationToken.None).ToListAsync()).Select(c => c.CheckInId));
        Assert.True(await _store.CloseAsync(tenantId, checkInId, T0, CancellationToken.None));
        Assert.Null(await _store.GetSaltAsync(tenantId, checkInId, CancellationToken.None));
        Assert.Empty(await ReadAllAsync(TableNames.CheckInsClosing));
    }

    private async Task CreateAsync(CheckIn checkIn) => await _store.CreateAsync(checkIn, Salt(1), CancellationToken.None);

    /// <summary>The check-in rows, without the open-check-in markers that share their table.</summary>
    private async Task<List<TableEntity>> CheckInRowsAsync() =>
        [.. (await ReadAllAsync(TableNames.CheckIns)).Where(row => row.ContainsKey(nameof(CheckIn.InstallationKey)))];

    private async Task<List<TableEntity>> ReadAllAsync(string table) =>
        await _tableService.GetTableClient(_options.TableName(table)).QueryAsync<TableEntity>().ToListAsync();

    private static byte[] Salt(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)(seed + i))];

    private static CheckIn NewCheckIn(string checkInId) => new()
    {
        TenantId = Tenant,
        CheckInId = checkInId,
        InstallationKey = Team,
        ConversationId = "19:a8f0c2e4b6d8f0a2c4e6b8d0f2a4c6e8@thread.tacv2",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        StatementIds = ["ps-mistakes", "trust-care"],
        Threshold = 5,
        OpensAt = T0,
        ClosesAt = T0.AddDays(3),
    };
}
