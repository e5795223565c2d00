using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.SpeakUp;

/// <summary>Closing speak-up sessions (salt destroyed, index row gone) and the open-session scan.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class SpeakUpClosingTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "11111111-2222-3333-4444-555555555555";
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 15, 30, TimeSpan.Zero);

    private SpeakUpTestStorage _storage = null!;
    private TableSpeakUpStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await SpeakUpTestStorage.CreateAsync(azurite);
        _store = _storage.NewStore();
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task CreateSessionAsync_NewSession_WritesOneIndexRowInItsClosingHour()
    {
        await CreateAsync(Session("s-1", closesAt: T0.AddDays(7)));

        var row = Assert.Single(await IndexRowsAsync());

        Assert.Equal("2025031109", row.PartitionKey);
        Assert.Equal(Tenant, row.GetString("TenantId"));
        Assert.Equal("s-1", row.GetString("ItemId"));
    }

    [Fact]
    public async Task ListDueToCloseAsync_SessionsInTwoTenants_ReturnsOnlyThoseDue()
    {
        await CreateAsync(Session("due", closesAt: T0.AddHours(-2)));
        await CreateAsync(Session("due-now", closesAt: T0) with { TenantId = OtherTenant });
        await CreateAsync(Session("later", closesAt: T0.AddMinutes(1)));

        var due = await ToListAsync(_store.ListDueToCloseAsync(T0, CancellationToken.None));

        Assert.Equal(["due", "due-now"], due.Select(s => s.SessionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CloseSessionAsync_OpenSession_MarksItClosedAndDestroysSaltAndIndexRow()
    {
        var session = Session("s-1", closesAt: T0);
        await CreateAsync(session);

        Assert.True(await _store.CloseSessionAsync(Tenant, "s-1", T0.AddMinutes(1), CancellationToken.None));

        Assert.Null(await _store.GetSaltAsync(Tenant, "s-1", CancellationToken.None));
        Assert.Empty(await IndexRowsAsync());
        Assert.Equal(
            session with { IsClosed = true, ClosedAt = T0.AddMinutes(1) },
            await _store.GetSessionAsync(Tenant, "s-1", CancellationToken.None));
        Assert.Empty(await ToListAsync(_store.ListDueToCloseAsync(T0.AddDays(1), CancellationToken.None)));
    }

    [Fact]
    public async Task CloseSessionAsync_SecondTime_ReturnsFalseAndKeepsTheFirstCloseTime()
    {
        await CreateAsync(Session("s-1", closesAt: T0));
        await _store.CloseSessionAsync(Tenant, "s-1", T0, CancellationToken.None);

        Assert.False(await _store.CloseSessionAsync(Tenant, "s-1", T0.AddMinutes(5), CancellationToken.None));

        Assert.Equal(T0, (await _store.GetSessionAsync(Tenant, "s-1", CancellationToken.None))!.ClosedAt);
    }

    [Fact]
    public async Task CloseSessionAsync_MissingSession_ReturnsFalse()
    {
        Assert.False(await _store.CloseSessionAsync(Tenant, "nope", T0, CancellationToken.None));
    }

    [Fact]
    public async Task CloseSessionAsync_TenConcurrentClosers_ExactlyOneWins()
    {
        await CreateAsync(Session("s-1", closesAt: T0));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            _store.CloseSessionAsync(Tenant, "s-1", T0, CancellationToken.None)));

        Assert.Equal(1, results.Count(won => won));
        Assert.Null(await _store.GetSaltAsync(Tenant, "s-1", CancellationToken.None));
    }

    [Fact]
    public async Task CloseSessionAsync_OtherTenantsSessionWithSameId_LeavesItOpen()
    {
        await CreateAsync(Session("s-1", closesAt: T0));
        await CreateAsync(Session("s-1", closesAt: T0) with { TenantId = OtherTenant });

        await _store.CloseSessionAsync(Tenant, "s-1", T0, CancellationToken.None);

        Assert.NotNull(await _store.GetSaltAsync(OtherTenant, "s-1", CancellationToken.None));
        Assert.False((await _store.GetSessionAsync(OtherTenant, "s-1", CancellationToken.None))!.IsClosed);
    }

    [Fact]
    public async Task ListDueToCloseAsync_InterruptedClose_DestroysTheLeftoverSaltAndIndexRow()
    {
        await CreateAsync(Session("s-1", closesAt: T0));
        // A closer that marked the row and crashed before deleting the salt.
        var sessions = _storage.Table(TableNames.SpeakUpSessions);
        await sessions.UpdateEntityAsync(
            new TableEntity(Tenant, "s-1") { ["IsClosed"] = true, ["ClosedAt"] = T0 }, Azure.ETag.All, TableUpdateMode.Merge);

        Assert.Empty(await ToListAsync(_store.ListDueToCloseAsync(T0, CancellationToken.None)));

        Assert.Null(await _store.GetSaltAsync(Tenant, "s-1", CancellationToken.None));
        Assert.Empty(await IndexRowsAsync());
    }

    [Fact]
    public async Task ListOpenSessionsAsync_OpenDueAndClosedInTwoTenants_ReturnsTheNotYetClosed()
    {
        await CreateAsync(Session("open", closesAt: T0.AddDays(3)));
        await CreateAsync(Session("other", closesAt: T0.AddDays(6)) with { TenantId = OtherTenant });
        await CreateAsync(Session("due", closesAt: T0.AddMinutes(-1)));
        await CreateAsync(Session("closed", closesAt: T0.AddDays(3)));
        await _store.CloseSessionAsync(Tenant, "closed", T0, CancellationToken.None);

        var open = await ToListAsync(_store.ListOpenSessionsAsync(T0, CancellationToken.None));

        Assert.Equal(["due", "open", "other"], open.Select(s => s.SessionId).Order(StringComparer.Ordinal));
        Assert.All(open, s => Assert.False(s.IsClosed));
    }

    private async Task CreateAsync(SpeakUpSession session) =>
        await _store.CreateSessionAsync(session, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), CancellationToken.None);

    private async Task<List<TableEntity>> IndexRowsAsync() =>
        await ToListAsync(_storage.Table(TableNames.SpeakUpClosing).QueryAsync<TableEntity>());

    private static SpeakUpSession Session(string sessionId, DateTimeOffset closesAt) => new()
    {
        TenantId = Tenant,
        SessionId = sessionId,
        InstallationKey = "19:team@thread.tacv2",
        PromptId = "unsaid-blocker",
        ConversationId = "19:general@thread.tacv2",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Threshold = 3,
        OpensAt = closesAt.AddDays(-7),
        ClosesAt = closesAt,
    };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
