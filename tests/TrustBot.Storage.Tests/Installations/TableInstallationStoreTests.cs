using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Questions;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Installations;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Installations;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableInstallationStoreTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 15, 30, TimeSpan.Zero);

    private readonly StorageOptions _options = azurite.NewOptions();
    private TableServiceClient _tableService = null!;
    private TableInstallationStore _store = null!;

    public async Task InitializeAsync()
    {
        _tableService = await AzuriteServer.CreateTablesAsync(_options);
        _store = new TableInstallationStore(_tableService, Options.Create(_options), NullLogger<TableInstallationStore>.Instance);
    }

    public Task DisposeAsync() => _tableService.DeleteTableAsync(_options.TableName(TableNames.Installations));

    [Fact]
    public async Task ActivateAsync_NewInstallation_RoundTripsEveryColumn()
    {
        var installation = Channel("19:team@thread.tacv2") with
        {
            TeamName = "Platform Team",
            InstalledByAadObjectId = "0b1c2d3e-0000-4000-8000-000000000001",
            // Sub-millisecond ticks and a non-UTC offset: the store keeps the instant, in UTC.
            InstalledAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567),
            UpdatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero).AddTicks(7654321),
        };

        Assert.True(await _store.ActivateAsync(installation, CancellationToken.None));
        var stored = await _store.GetAsync(Tenant, installation.Key, CancellationToken.None);

        Assert.Equal(
            installation with { InstalledAt = installation.InstalledAt.ToUniversalTime() },
            stored);
        Assert.Equal(TimeSpan.Zero, stored!.InstalledAt.Offset);
    }

    [Fact]
    public async Task ActivateAsync_ShareNotesInChannelSet_RoundTrips()
    {
        var installation = Channel("19:team@thread.tacv2") with { ShareNotesInChannel = true };

        await _store.ActivateAsync(installation, CancellationToken.None);

        Assert.True((await _store.GetAsync(Tenant, installation.Key, CancellationToken.None))!.ShareNotesInChannel);
    }

    [Fact]
    public async Task ActivateAsync_TeamThresholdAndOwnStatements_RoundTripAndSurviveARefresh()
    {
        Statement custom = new("custom-retro", "psychological-safety", "tough-issues", false, "Retros are honest", "Our retrospectives name real problems.");
        var installation = Channel("19:team@thread.tacv2") with { AnonymityThreshold = 7, CustomStatements = [custom] };
        await _store.ActivateAsync(installation, CancellationToken.None);

        await _store.ActivateAsync(installation with { AnonymityThreshold = null, CustomStatements = [], UpdatedAt = T0.AddDays(1) }, CancellationToken.None);

        var stored = await _store.GetAsync(Tenant, installation.Key, CancellationToken.None);
        Assert.Equal(7, stored!.AnonymityThreshold);
        Assert.Equal([custom], stored.CustomStatements);
        Assert.Equal(7, stored.ThresholdOr(5));
    }

    [Fact]
    public async Task ActivateAsync_ActiveInstallationRefreshed_KeepsShareNotesInChannel()
    {
        var installation = Channel("19:team@thread.tacv2") with { ShareNotesInChannel = true };
        await _store.ActivateAsync(installation, CancellationToken.None);

        // A later install event knows nothing of team settings, and names another service URL.
        Assert.False(await _store.ActivateAsync(
            installation with { ShareNotesInChannel = false, ServiceUrl = "https://smba.trafficmanager.net/amer/", UpdatedAt = T0.AddDays(1) },
            CancellationToken.None));

        var stored = await _store.GetAsync(Tenant, installation.Key, CancellationToken.None);
        Assert.Equal("https://smba.trafficmanager.net/amer/", stored!.ServiceUrl);
        Assert.True(stored.ShareNotesInChannel);
    }

    [Fact]
    public async Task GetAsync_RowWithoutShareNotesColumn_ReadsAsOff()
    {
        var installation = Channel("19:team@thread.tacv2") with { ShareNotesInChannel = true };
        await _store.ActivateAsync(installation, CancellationToken.None);
        var table = _tableService.GetTableClient(_options.TableName(TableNames.Installations));
        var row = (await table.GetEntityAsync<TableEntity>(TableKeys.Escape(Tenant), TableKeys.Escape(installation.Key))).Value;
        Assert.True(row.Remove("ShareNotesInChannel"));
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);

        var stored = await _store.GetAsync(Tenant, installation.Key, CancellationToken.None);

        Assert.Equal(installation with { ShareNotesInChannel = false }, stored);
    }

    [Fact]
    public async Task MarkRemovedAsync_ActiveInstallation_StoresStatusAndRemovalTime()
    {
        var installation = Personal("a:1chat");
        await _store.ActivateAsync(installation, CancellationToken.None);
        var removedAt = T0.AddDays(3).AddTicks(42);

        Assert.True(await _store.MarkRemovedAsync(Tenant, installation.Key, removedAt, CancellationToken.None));

        var stored = await _store.GetAsync(Tenant, installation.Key, CancellationToken.None);
        Assert.Equal(
            installation with { Status = InstallationStatus.Removed, RemovedAt = removedAt, UpdatedAt = removedAt },
            stored);
    }

    [Fact]
    public async Task MarkRemovedAsync_AlreadyRemoved_KeepsTheFirstRemovalTime()
    {
        var installation = Personal("a:1chat");
        await _store.ActivateAsync(installation, CancellationToken.None);
        await _store.MarkRemovedAsync(Tenant, installation.Key, T0.AddDays(1), CancellationToken.None);

        Assert.True(await _store.MarkRemovedAsync(Tenant, installation.Key, T0.AddDays(2), CancellationToken.None));

        var stored = await _store.GetAsync(Tenant, installation.Key, CancellationToken.None);
        Assert.Equal(T0.AddDays(1), stored!.RemovedAt);
    }

    [Fact]
    public async Task MarkRemovedAsync_Missing_ReturnsFalse()
    {
        Assert.False(await _store.MarkRemovedAsync(Tenant, "19:nothing@thread.tacv2", T0, CancellationToken.None));
        Assert.Null(await _store.GetAsync(Tenant, "19:nothing@thread.tacv2", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        Assert.Null(await _store.GetAsync(Tenant, "19:unknown@thread.tacv2", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_SameKeyInTwoTenants_KeepsThemApart()
    {
        const string otherTenant = "11111111-2222-3333-4444-555555555555";
        var mine = Channel("19:shared@thread.tacv2");
        var theirs = mine with { TenantId = otherTenant, ServiceUrl = "https://smba.trafficmanager.net/emea/" };
        await _store.ActivateAsync(mine, CancellationToken.None);
        await _store.ActivateAsync(theirs, CancellationToken.None);

        await _store.MarkRemovedAsync(otherTenant, theirs.Key, T0.AddHours(1), CancellationToken.None);

        Assert.Equal(mine, await _store.GetAsync(Tenant, mine.Key, CancellationToken.None));
        var stored = await _store.GetAsync(otherTenant, theirs.Key, CancellationToken.None);
        Assert.Equal(InstallationStatus.Removed, stored!.Status);
        Assert.Equal("https://smba.trafficmanager.net/emea/", stored.ServiceUrl);
    }

    [Fact]
    public async Task ActivateAsync_TwentyConcurrentCallsOnFreshKey_ReturnsTrueExactlyOnce()
    {
        var installation = Channel("19:race@thread.tacv2");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            _store.ActivateAsync(installation with { UpdatedAt = T0.AddSeconds(i) }, CancellationToken.None))));

        Assert.Single(results, activated => activated);
        Assert.Equal(InstallationStatus.Active, (await _store.GetAsync(Tenant, installation.Key, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ActivateAsync_TwentyConcurrentCallsOnRemovedKey_ReturnsTrueExactlyOnce()
    {
        var installation = Channel("19:race@thread.tacv2");
        await _store.ActivateAsync(installation, CancellationToken.None);
        await _store.MarkRemovedAsync(Tenant, installation.Key, T0.AddDays(1), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            _store.ActivateAsync(installation with { InstalledAt = T0.AddDays(2) }, CancellationToken.None))));

        Assert.Single(results, activated => activated);
    }

    [Fact]
    public async Task ActivateAsync_ActiveInstallation_ReturnsFalseRefreshesTheRouteAndKeepsTheChosenChannel()
    {
        var first = Channel("19:team@thread.tacv2") with { TeamName = "Old name", InstalledByAadObjectId = "first-leader" };
        await _store.ActivateAsync(first, CancellationToken.None);
        var again = first with
        {
            ServiceUrl = "https://smba.trafficmanager.net/amer/",
            ConversationId = "19:general@thread.tacv2",
            ChannelId = "19:general@thread.tacv2",
            TeamName = null,
            InstalledByAadObjectId = "someone-else",
            InstalledAt = T0.AddDays(5),
            UpdatedAt = T0.AddDays(5),
        };

        Assert.False(await _store.ActivateAsync(again, CancellationToken.None));

        var stored = await _store.GetAsync(Tenant, first.Key, CancellationToken.None);
        Assert.Equal(
            again with
            {
                ConversationId = first.ConversationId,
                ChannelId = first.ChannelId,
                TeamName = "Old name",
                InstalledByAadObjectId = "first-leader",
                InstalledAt = first.InstalledAt,
            },
            stored);
    }

    [Fact]
    public async Task ActivateAsync_ActiveInstallationWithSameAddress_DoesNotWrite()
    {
        var installation = Channel("19:team@thread.tacv2");
        await _store.ActivateAsync(installation, CancellationToken.None);
        var before = await ReadETagAsync(installation.Key);

        Assert.False(await _store.ActivateAsync(installation with { UpdatedAt = T0.AddDays(1) }, CancellationToken.None));

        Assert.Equal(before, await ReadETagAsync(installation.Key));
    }

    [Fact]
    public async Task ActivateAsync_AfterMarkRemoved_ReturnsTrueAsANewInstallation()
    {
        var installation = Channel("19:team@thread.tacv2");
        await _store.ActivateAsync(installation, CancellationToken.None);
        await _store.MarkRemovedAsync(Tenant, installation.Key, T0.AddDays(1), CancellationToken.None);
        var reinstall = installation with { InstalledAt = T0.AddDays(2), UpdatedAt = T0.AddDays(2), InstalledByAadObjectId = "new-leader" };

        Assert.True(await _store.ActivateAsync(reinstall, CancellationToken.None));

        Assert.Equal(reinstall, await _store.GetAsync(Tenant, installation.Key, CancellationToken.None));
        Assert.False(await _store.ActivateAsync(reinstall, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateServiceUrlAsync_Existing_StoresTheNewUrlAndTime()
    {
        var installation = Channel("19:team@thread.tacv2");
        await _store.ActivateAsync(installation, CancellationToken.None);

        Assert.True(await _store.UpdateServiceUrlAsync(
            Tenant, installation.Key, "https://smba.trafficmanager.net/apac/", T0.AddHours(3), CancellationToken.None));

        Assert.Equal(
            installation with { ServiceUrl = "https://smba.trafficmanager.net/apac/", UpdatedAt = T0.AddHours(3) },
            await _store.GetAsync(Tenant, installation.Key, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateServiceUrlAsync_SameUrl_ReturnsTrueWithoutWriting()
    {
        var installation = Channel("19:team@thread.tacv2");
        await _store.ActivateAsync(installation, CancellationToken.None);
        var before = await ReadETagAsync(installation.Key);

        Assert.True(await _store.UpdateServiceUrlAsync(
            Tenant, installation.Key, installation.ServiceUrl, T0.AddHours(3), CancellationToken.None));

        Assert.Equal(before, await ReadETagAsync(installation.Key));
        Assert.Equal(installation, await _store.GetAsync(Tenant, installation.Key, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateServiceUrlAsync_Missing_ReturnsFalse()
    {
        Assert.False(await _store.UpdateServiceUrlAsync(
            Tenant, "19:nothing@thread.tacv2", "https://smba.trafficmanager.net/apac/", T0, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateServiceUrlAsync_ConcurrentWithMarkRemoved_LosesNeitherChange()
    {
        var installation = Channel("19:team@thread.tacv2");
        await _store.ActivateAsync(installation, CancellationToken.None);

        var updates = Enumerable.Range(0, 6).Select(i => Task.Run(() => _store.UpdateServiceUrlAsync(
            Tenant, installation.Key, $"https://smba.trafficmanager.net/r{i}/", T0.AddMinutes(i), CancellationToken.None)));
        var removal = Task.Run(() => _store.MarkRemovedAsync(Tenant, installation.Key, T0.AddDays(1), CancellationToken.None));
        var results = await Task.WhenAll([.. updates, removal]);

        Assert.All(results, Assert.True);
        var stored = await _store.GetAsync(Tenant, installation.Key, CancellationToken.None);
        Assert.Equal(InstallationStatus.Removed, stored!.Status);
        Assert.StartsWith("https://smba.trafficmanager.net/r", stored.ServiceUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_TwoTenants_ReturnsEveryInstallationOfTheOneAskedFor()
    {
        var team = Channel("19:team@thread.tacv2");
        var chat = Personal("a:1chat");
        var removed = Personal("a:2gone");
        await _store.ActivateAsync(team, CancellationToken.None);
        await _store.ActivateAsync(chat, CancellationToken.None);
        await _store.ActivateAsync(removed, CancellationToken.None);
        await _store.MarkRemovedAsync(Tenant, removed.Key, T0.AddDays(1), CancellationToken.None);
        await _store.ActivateAsync(team with { TenantId = "other-tenant" }, CancellationToken.None);

        var listed = await ToListAsync(_store.ListAsync(Tenant, CancellationToken.None));

        Assert.Equal(
            new[] { chat.Key, removed.Key, team.Key }.Order(StringComparer.Ordinal),
            listed.Select(i => i.Key).Order(StringComparer.Ordinal));
        Assert.All(listed, i => Assert.Equal(Tenant, i.TenantId));
        Assert.Equal(InstallationStatus.Removed, listed.Single(i => i.Key == removed.Key).Status);
    }

    [Fact]
    public async Task ListAsync_UnknownTenant_ReturnsNothing()
    {
        await _store.ActivateAsync(Channel("19:team@thread.tacv2"), CancellationToken.None);

        Assert.Empty(await ToListAsync(_store.ListAsync("no-such-tenant", CancellationToken.None)));
    }

    [Theory]
    [InlineData("tenant/with/slashes", "19:abc@thread.skype;messageid=1712345678901")]
    [InlineData("tenant\\back", "key#with?query")]
    [InlineData("it's 'quoted'", "a/b\\c#d?e%2Ff")]
    [InlineData("ctrl\u0001tenant", "ünï/cödé\tkey")]
    public async Task Store_KeysWithForbiddenCharacters_RoundTrip(string tenantId, string key)
    {
        var installation = Personal(key) with { TenantId = tenantId, ConversationId = key };

        Assert.True(await _store.ActivateAsync(installation, CancellationToken.None));
        Assert.True(await _store.UpdateServiceUrlAsync(tenantId, key, "https://smba.trafficmanager.net/uk/", T0.AddHours(1), CancellationToken.None));

        var expected = installation with { ServiceUrl = "https://smba.trafficmanager.net/uk/", UpdatedAt = T0.AddHours(1) };
        Assert.Equal(expected, await _store.GetAsync(tenantId, key, CancellationToken.None));
        Assert.Equal([expected], await ToListAsync(_store.ListAsync(tenantId, CancellationToken.None)));
        Assert.True(await _store.MarkRemovedAsync(tenantId, key, T0.AddDays(1), CancellationToken.None));
    }

    private async Task<Azure.ETag> ReadETagAsync(string key)
    {
        var table = _tableService.GetTableClient(_options.TableName(TableNames.Installations));
        var entity = await table.GetEntityAsync<TableEntity>(TableKeys.Escape(Tenant), TableKeys.Escape(key));
        return entity.Value.ETag;
    }

    private static async Task<List<Installation>> ToListAsync(IAsyncEnumerable<Installation> installations)
    {
        var list = new List<Installation>();
        await foreach (var installation in installations)
        {
            list.Add(installation);
        }

        return list;
    }

    private static Installation Channel(string teamId) => SampleInstallations.Channel(Tenant, teamId, T0);

    private static Installation Personal(string conversationId) => new()
    {
        TenantId = Tenant,
        Key = conversationId,
        Kind = ConversationKind.Personal,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ConversationId = conversationId,
        BotId = "28:00000000-0000-0000-0000-000000000b07",
        InstalledAt = T0,
        UpdatedAt = T0,
    };
}
