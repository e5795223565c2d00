using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Installations;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Installations;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableInstallationStoreSettingsTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Team = "19:team@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 15, 30, TimeSpan.Zero);

    private static readonly TeamSettings Chosen = new(
        "19:rituals@thread.tacv2",
        new TeamSchedule(DayOfWeek.Thursday, new TimeOnly(14, 30), "Europe/Berlin", CadenceWeeks: 2, SpeakUpEveryWeeks: 2, PausedUntil: new DateOnly(2025, 4, 1)),
        QuestionSet.Trust,
        AnonymityThreshold: 7,
        ShareNotesInChannel: true);

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
    public async Task UpdateSettingsAsync_ActiveTeam_StoresEverySettingAndReturnsTheStoredInstallation()
    {
        await _store.ActivateAsync(Channel(), CancellationToken.None);

        var updated = await _store.UpdateSettingsAsync(Tenant, Team, Chosen, T0.AddHours(1), CancellationToken.None);

        var stored = await _store.GetAsync(Tenant, Team, CancellationToken.None);
        Assert.Equal(stored, updated);
        Assert.Equal(Chosen.ChannelId, stored!.ConversationId);
        Assert.Equal(Chosen.ChannelId, stored.ChannelId);
        Assert.Equal(Chosen.Schedule, stored.Schedule);
        Assert.Equal(QuestionSet.Trust, stored.QuestionSet);
        Assert.Equal(7, stored.AnonymityThreshold);
        Assert.True(stored.ShareNotesInChannel);
        Assert.Equal(T0.AddHours(1), stored.UpdatedAt);
        Assert.Equal(T0, stored.InstalledAt);
    }

    [Fact]
    public async Task UpdateSettingsAsync_SameSettingsAgain_DoesNotWrite()
    {
        await _store.ActivateAsync(Channel(), CancellationToken.None);
        await _store.UpdateSettingsAsync(Tenant, Team, Chosen, T0.AddHours(1), CancellationToken.None);
        var before = await ReadETagAsync();

        var again = await _store.UpdateSettingsAsync(Tenant, Team, Chosen, T0.AddHours(2), CancellationToken.None);

        Assert.Equal(before, await ReadETagAsync());
        Assert.Equal(T0.AddHours(1), again!.UpdatedAt);
    }

    [Fact]
    public async Task UpdateSettingsAsync_RemovedTeam_ReturnsNullAndWritesNothing()
    {
        await _store.ActivateAsync(Channel(), CancellationToken.None);
        await _store.MarkRemovedAsync(Tenant, Team, T0.AddHours(1), CancellationToken.None);
        var before = await ReadETagAsync();

        Assert.Null(await _store.UpdateSettingsAsync(Tenant, Team, Chosen, T0.AddHours(2), CancellationToken.None));
        Assert.Equal(before, await ReadETagAsync());
    }

    [Fact]
    public async Task UpdateSettingsAsync_UnknownTeamOrOtherTenant_ReturnsNull()
    {
        await _store.ActivateAsync(Channel(), CancellationToken.None);

        Assert.Null(await _store.UpdateSettingsAsync(Tenant, "19:other@thread.tacv2", Chosen, T0, CancellationToken.None));
        Assert.Null(await _store.UpdateSettingsAsync("another-tenant", Team, Chosen, T0, CancellationToken.None));
        Assert.Equal(QuestionSet.Everything, (await _store.GetAsync(Tenant, Team, CancellationToken.None))!.QuestionSet);
    }

    [Fact]
    public async Task ActivateAsync_ReinstallAfterRemoval_KeepsTheTeamsSettingsButTakesTheNewRoute()
    {
        await _store.ActivateAsync(Channel(), CancellationToken.None);
        await _store.UpdateSettingsAsync(Tenant, Team, Chosen, T0.AddHours(1), CancellationToken.None);
        await _store.MarkRemovedAsync(Tenant, Team, T0.AddDays(1), CancellationToken.None);
        var reinstall = Channel() with
        {
            ServiceUrl = "https://smba.trafficmanager.net/uk/",
            InstalledByAadObjectId = "new-installer",
            InstalledAt = T0.AddDays(5),
            UpdatedAt = T0.AddDays(5),
            Schedule = TeamSchedule.Default("America/New_York"),
        };

        Assert.True(await _store.ActivateAsync(reinstall, CancellationToken.None));

        var stored = await _store.GetAsync(Tenant, Team, CancellationToken.None);
        Assert.Equal(InstallationStatus.Active, stored!.Status);
        Assert.Null(stored.RemovedAt);
        Assert.Equal("https://smba.trafficmanager.net/uk/", stored.ServiceUrl);
        Assert.Equal("new-installer", stored.InstalledByAadObjectId);
        Assert.Equal(Team, stored.ConversationId);
        Assert.Equal(Chosen.Schedule, stored.Schedule);
        Assert.Equal(QuestionSet.Trust, stored.QuestionSet);
        Assert.Equal(7, stored.AnonymityThreshold);
        Assert.True(stored.ShareNotesInChannel);
    }

    [Fact]
    public async Task GetAsync_RowWithoutQuestionSetColumn_AsksEverything()
    {
        await _store.ActivateAsync(Channel() with { QuestionSet = QuestionSet.PsychologicalSafety }, CancellationToken.None);
        var table = _tableService.GetTableClient(_options.TableName(TableNames.Installations));
        var row = (await table.GetEntityAsync<TableEntity>(TableKeys.Escape(Tenant), TableKeys.Escape(Team))).Value;
        Assert.Equal(nameof(QuestionSet.PsychologicalSafety), row["QuestionSet"]);
        row.Remove("QuestionSet");
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        Assert.Equal(QuestionSet.Everything, (await _store.GetAsync(Tenant, Team, CancellationToken.None))!.QuestionSet);
    }

    private async Task<Azure.ETag> ReadETagAsync()
    {
        var table = _tableService.GetTableClient(_options.TableName(TableNames.Installations));
        var entity = await table.GetEntityAsync<TableEntity>(TableKeys.Escape(Tenant), TableKeys.Escape(Team));
        return entity.Value.ETag;
    }

    private static Installation Channel() =>
        SampleInstallations.Channel(Tenant, Team, T0) with { Schedule = TeamSchedule.Default("Europe/London") };
}
