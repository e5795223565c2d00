using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Settings;

namespace TrustBot.Core.Tests.Scheduling;

public sealed class ServiceJobSeederTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryTimetable _timetable = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly ServiceProvider _services;

    public ServiceJobSeederTests()
    {
        // What a feature's one registration line adds: a service-wide job beside a team job the seeder must leave alone.
        _services = new ServiceCollection()
            .AddScoped<IScheduledJob, HourlyServiceJob>()
            .AddScoped<IScheduledJob, TeamOnlyJob>()
            .BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task SeedAsync_ServiceJobWithoutAnEntry_GetsOneInTheServiceWidePartitionAtItsFirstDueTime()
    {
        Assert.Equal(1, await Seeder().SeedAsync(CancellationToken.None));

        var entry = Assert.Single(_timetable.All);
        Assert.Equal(ServiceWide.Entry(HourlyServiceJob.JobKind, Now.AddHours(1)), entry);
        Assert.True(ServiceWide.Holds(entry));
    }

    [Fact]
    public async Task SeedAsync_EntryAlreadyThere_KeepsItsDueTime()
    {
        var moved = ServiceWide.Entry(HourlyServiceJob.JobKind, Now.AddMinutes(5));
        await _timetable.SetAsync(moved, CancellationToken.None);

        Assert.Equal(0, await Seeder().SeedAsync(CancellationToken.None));

        Assert.Equal(moved, Assert.Single(_timetable.All));
    }

    [Fact]
    public async Task SeedIfDueAsync_SeedsOnceThenAgainOnlyAfterTheReseedInterval()
    {
        var seeder = Seeder();
        Assert.Equal(1, await seeder.SeedIfDueAsync(CancellationToken.None));
        await _timetable.RemoveAsync(ServiceWide.TenantId, ServiceWide.InstallationKey, HourlyServiceJob.JobKind, CancellationToken.None);

        Assert.Equal(0, await seeder.SeedIfDueAsync(CancellationToken.None));
        Assert.Empty(_timetable.All);

        _clock.Advance(ServiceJobSeeder.ReseedInterval);
        Assert.Equal(1, await seeder.SeedIfDueAsync(CancellationToken.None));
        Assert.Equal(ServiceWide.Entry(HourlyServiceJob.JobKind, Now + ServiceJobSeeder.ReseedInterval + TimeSpan.FromHours(1)), Assert.Single(_timetable.All));
    }

    [Fact]
    public void ServiceWideTenant_CannotBeATeamsTenantId()
    {
        // Teams ids never contain '|' (ActivityLimits refuses them), which is what keeps the partition apart.
        Assert.Contains('|', ServiceWide.TenantId);
        Assert.False(ServiceWide.Holds(new TimetableEntry(TestIds.TenantId, ServiceWide.InstallationKey, HourlyServiceJob.JobKind, Now)));
    }

    private ServiceJobSeeder Seeder() =>
        new(_timetable, _services.GetRequiredService<IServiceScopeFactory>(), _clock, NullLogger<ServiceJobSeeder>.Instance);

    private sealed class HourlyServiceJob : IServiceJob
    {
        public const string JobKind = "test-hourly";

        public string Kind => JobKind;

        public DateTimeOffset FirstDueAt(DateTimeOffset now) => now.AddHours(1);

        public Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken) =>
            Task.FromResult(new JobRun([], entry.DueAt.AddHours(1)));
    }

    private sealed class TeamOnlyJob : IScheduledJob
    {
        public string Kind => "test-team";

        public Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken) => Task.FromResult(new JobRun([], null));
    }
}
