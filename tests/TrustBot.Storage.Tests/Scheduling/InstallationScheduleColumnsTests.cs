using Microsoft.Extensions.Logging.Abstractions;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Storage.Installations;
using TrustBot.Storage.Tables;
using TrustBot.Storage.Tests.Delivery;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Storage.Tests.Scheduling;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class InstallationScheduleColumnsTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Team = "19:team@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private DeliveryTestStorage _storage = null!;
    private TableInstallationStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await DeliveryTestStorage.CreateAsync(azurite);
        _store = new TableInstallationStore(_storage.TableService, OptionsFactory.Create(_storage.Options), NullLogger<TableInstallationStore>.Instance);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task ActivateAsync_NewTeamWithSchedule_RoundTripsEveryField()
    {
        var schedule = new TeamSchedule(DayOfWeek.Thursday, new TimeOnly(14, 30, 15), "America/New_York", 2, 0, new DateOnly(2026, 12, 24));

        await _store.ActivateAsync(Channel(schedule), CancellationToken.None);

        Assert.Equal(schedule, (await _store.GetAsync(Tenant, Team, CancellationToken.None))!.Schedule);
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Installations));
        Assert.Equal("Thursday", row.GetString("ScheduleDay"));
        Assert.Equal("2026-12-24", row.GetString("SchedulePausedUntil"));
    }

    [Fact]
    public async Task ActivateAsync_NoSchedule_WritesNoScheduleColumnsAndReadsNull()
    {
        await _store.ActivateAsync(Channel(null), CancellationToken.None);

        Assert.Null((await _store.GetAsync(Tenant, Team, CancellationToken.None))!.Schedule);
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Installations));
        Assert.DoesNotContain(row.Keys, k => k.StartsWith("Schedule", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActivateAsync_ActiveTeamActivatedAgain_KeepsItsSchedule()
    {
        var chosen = TeamSchedule.Default("Europe/Berlin") with { Day = DayOfWeek.Friday };
        await _store.ActivateAsync(Channel(chosen), CancellationToken.None);

        await _store.ActivateAsync(Channel(TeamSchedule.Default("Asia/Tokyo")) with { ServiceUrl = "https://smba.trafficmanager.net/emea/" }, CancellationToken.None);

        Assert.Equal(chosen, (await _store.GetAsync(Tenant, Team, CancellationToken.None))!.Schedule);
    }

    private static Installation Channel(TeamSchedule? schedule) => new()
    {
        TenantId = Tenant,
        Key = Team,
        Kind = ConversationKind.Channel,
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        ConversationId = "19:general@thread.tacv2",
        TeamId = Team,
        BotId = "28:bot",
        Schedule = schedule,
        InstalledAt = T0,
        UpdatedAt = T0,
    };
}
