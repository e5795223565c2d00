using Microsoft.Extensions.Logging.Abstractions;
using TrustBot.Core.Scheduling;
using TrustBot.Storage.Scheduling;
using TrustBot.Storage.Tables;
using TrustBot.Storage.Tests.Delivery;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Storage.Tests.Scheduling;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableTimetableTests(AzuriteServer azurite) : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Team = "19:team/odd#id@thread.tacv2";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private DeliveryTestStorage _storage = null!;
    private TableTimetable _timetable = null!;

    public async Task InitializeAsync()
    {
        _storage = await DeliveryTestStorage.CreateAsync(azurite);
        _timetable = NewTimetable(_storage);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    internal static TableTimetable NewTimetable(DeliveryTestStorage storage) =>
        new(storage.TableService, OptionsFactory.Create(storage.Options), NullLogger<TableTimetable>.Instance);

    [Fact]
    public async Task SetAsync_ThenGet_RoundTripsWithAVersionAndTenantPartition()
    {
        var job = JobNames.For(JobNames.Nudge, "29:leader|x");
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, job, T0), CancellationToken.None);

        var entry = await _timetable.GetAsync(Tenant, Team, job, CancellationToken.None);

        Assert.NotNull(entry);
        Assert.Equal((Tenant, Team, job, T0), (entry.TenantId, entry.InstallationKey, entry.Job, entry.DueAt));
        Assert.False(string.IsNullOrEmpty(entry.Version));
        var row = Assert.Single(await _storage.ReadAllRowsAsync(TableNames.Timetable));
        Assert.Equal(Tenant, row.PartitionKey);
    }

    [Fact]
    public async Task AddIfMissingAsync_Existing_KeepsItsDueTime()
    {
        Assert.True(await _timetable.AddIfMissingAsync(new TimetableEntry(Tenant, Team, JobNames.CheckIn, T0), CancellationToken.None));
        Assert.False(await _timetable.AddIfMissingAsync(new TimetableEntry(Tenant, Team, JobNames.CheckIn, T0.AddDays(1)), CancellationToken.None));

        Assert.Equal(T0, (await _timetable.GetAsync(Tenant, Team, JobNames.CheckIn, CancellationToken.None))!.DueAt);
    }

    [Fact]
    public async Task ListDueAsync_AcrossTenants_ReturnsOnlyDueEntriesEarliestFirstUpToMax()
    {
        await _timetable.SetAsync(new TimetableEntry("tenant-b", "team-1", JobNames.CheckIn, T0.AddMinutes(-5)), CancellationToken.None);
        await _timetable.SetAsync(new TimetableEntry("tenant-a", "team-2", JobNames.Digest, T0.AddMinutes(-30)), CancellationToken.None);
        await _timetable.SetAsync(new TimetableEntry("tenant-a", "team-3", JobNames.CheckIn, T0), CancellationToken.None);
        await _timetable.SetAsync(new TimetableEntry("tenant-c", "team-4", JobNames.CheckIn, T0.AddSeconds(1)), CancellationToken.None);

        var all = await _timetable.ListDueAsync(T0, 10, CancellationToken.None);
        var two = await _timetable.ListDueAsync(T0, 2, CancellationToken.None);

        Assert.Equal(["team-2", "team-1", "team-3"], all.Select(e => e.InstallationKey));
        Assert.Equal(["team-2", "team-1"], two.Select(e => e.InstallationKey));
    }

    [Fact]
    public async Task TryAdvanceAsync_CurrentVersion_MovesItOnOnce()
    {
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.CheckIn, T0), CancellationToken.None);
        var read = Assert.Single(await _timetable.ListDueAsync(T0, 10, CancellationToken.None));

        Assert.True(await _timetable.TryAdvanceAsync(read, T0.AddDays(7), CancellationToken.None));
        Assert.False(await _timetable.TryAdvanceAsync(read, T0.AddDays(14), CancellationToken.None));

        Assert.Equal(T0.AddDays(7), (await _timetable.GetAsync(Tenant, Team, JobNames.CheckIn, CancellationToken.None))!.DueAt);
        Assert.Empty(await _timetable.ListDueAsync(T0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task TryAdvanceAsync_TwoInstancesOnTheSameVersion_ExactlyOneWins()
    {
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.CheckIn, T0), CancellationToken.None);
        var read = (await _timetable.GetAsync(Tenant, Team, JobNames.CheckIn, CancellationToken.None))!;
        var other = NewTimetable(_storage);

        var results = await Task.WhenAll(
            _timetable.TryAdvanceAsync(read, T0.AddDays(7), CancellationToken.None),
            other.TryAdvanceAsync(read, T0.AddDays(8), CancellationToken.None));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task TryAdvanceAsync_ToNull_DeletesAndAStaleOrMissingOneIsFalse()
    {
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.SpeakUp, T0), CancellationToken.None);
        var read = (await _timetable.GetAsync(Tenant, Team, JobNames.SpeakUp, CancellationToken.None))!;
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.SpeakUp, T0.AddDays(1)), CancellationToken.None);

        Assert.False(await _timetable.TryAdvanceAsync(read, null, CancellationToken.None));
        var fresh = (await _timetable.GetAsync(Tenant, Team, JobNames.SpeakUp, CancellationToken.None))!;
        Assert.True(await _timetable.TryAdvanceAsync(fresh, null, CancellationToken.None));
        Assert.Null(await _timetable.GetAsync(Tenant, Team, JobNames.SpeakUp, CancellationToken.None));
        Assert.False(await _timetable.TryAdvanceAsync(fresh, null, CancellationToken.None));
    }

    [Fact]
    public async Task ListForInstallationAsync_OnlyThatInstallationsRows()
    {
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.CheckIn, T0), CancellationToken.None);
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.For(JobNames.Reminder, "c1"), T0), CancellationToken.None);
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team + "x", JobNames.CheckIn, T0), CancellationToken.None);
        await _timetable.SetAsync(new TimetableEntry("other-tenant", Team, JobNames.CheckIn, T0), CancellationToken.None);

        var jobs = new List<string>();
        await foreach (var entry in _timetable.ListForInstallationAsync(Tenant, Team, CancellationToken.None))
        {
            jobs.Add(entry.Job);
        }

        Assert.Equal([JobNames.CheckIn, "reminder|c1"], jobs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ServiceWideEntry_RoundTripsIsListedDueAdvancesAndStaysOutOfEveryTenantsRows()
    {
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.CheckIn, T0), CancellationToken.None);
        Assert.True(await _timetable.AddIfMissingAsync(ServiceWide.Entry("retention-sweep", T0.AddMinutes(-1)), CancellationToken.None));
        Assert.False(await _timetable.AddIfMissingAsync(ServiceWide.Entry("retention-sweep", T0.AddDays(1)), CancellationToken.None));

        var due = await _timetable.ListDueAsync(T0, 10, CancellationToken.None);
        var serviceWide = Assert.Single(due, ServiceWide.Holds);
        Assert.True(await _timetable.TryAdvanceAsync(serviceWide, T0.AddHours(1), CancellationToken.None));

        Assert.Equal(T0.AddHours(1), (await _timetable.GetAsync(ServiceWide.TenantId, ServiceWide.InstallationKey, "retention-sweep", CancellationToken.None))!.DueAt);
        var teamJobs = new List<string>();
        await foreach (var entry in _timetable.ListForInstallationAsync(Tenant, Team, CancellationToken.None))
        {
            teamJobs.Add(entry.Job);
        }

        Assert.Equal([JobNames.CheckIn], teamJobs);
        var rows = await _storage.ReadAllRowsAsync(TableNames.Timetable);
        Assert.Equal([Tenant, ServiceWide.TenantId], rows.Select(r => r.PartitionKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RemoveAsync_RemovesOneJobAndIgnoresMissing()
    {
        await _timetable.SetAsync(new TimetableEntry(Tenant, Team, JobNames.CheckIn, T0), CancellationToken.None);

        await _timetable.RemoveAsync(Tenant, Team, JobNames.CheckIn, CancellationToken.None);
        await _timetable.RemoveAsync(Tenant, Team, JobNames.CheckIn, CancellationToken.None);

        Assert.Null(await _timetable.GetAsync(Tenant, Team, JobNames.CheckIn, CancellationToken.None));
    }
}
