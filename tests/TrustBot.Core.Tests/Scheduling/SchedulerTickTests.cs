using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.Scheduling;

public sealed class SchedulerTickTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 30, TimeSpan.Zero);
    private static readonly TimetableEntry Due = new(TestIds.TenantId, TestIds.TeamId, JobNames.CheckIn, Now.AddSeconds(-30), "\"v1\"");
    private static readonly DateTimeOffset NextDue = Now.AddDays(7);

    private readonly Mock<ITimetable> _timetable = new();
    private readonly Mock<ILeaseStore> _leases = new();
    private readonly Mock<IIdempotencyStore> _idempotency = new();
    private readonly Mock<IOutbox> _outbox = new();
    private readonly Mock<IScheduledJob> _job = new();
    private readonly DeliveryInstance _instance = new("instance-a");

    public SchedulerTickTests()
    {
        _timetable.Setup(t => t.ListDueAsync(Now, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([Due]);
        _timetable.Setup(t => t.TryAdvanceAsync(It.IsAny<TimetableEntry>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        // Every listed entry is still stored as listed unless a test says otherwise.
        _timetable.Setup(t => t.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string tenant, string key, string job, CancellationToken _) => new TimetableEntry(tenant, key, job, Due.DueAt, Due.Version));
        _leases.Setup(l => l.TryAcquireAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string resource, string owner, TimeSpan duration, CancellationToken _) => new Lease(resource, owner, Now + duration, "\"l1\""));
        _job.SetupGet(j => j.Kind).Returns(JobNames.CheckIn);
        _job.Setup(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TimetableEntry entry, CancellationToken _) => new JobRun([SendFor(entry)], NextDue));
    }

    [Fact]
    public async Task RunDueAsync_DueEntry_BeginsQueuesOnceAdvancesAndReleases()
    {
        _idempotency.Setup(i => i.TryBeginAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var ran = await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal(1, ran);
        var key = "checkin:" + Due.OccurrenceKey;
        _leases.Verify(l => l.TryAcquireAsync("occurrence:" + Due.OccurrenceKey, "instance-a", TimeSpan.FromMinutes(2), It.IsAny<CancellationToken>()), Times.Once);
        _outbox.Verify(o => o.EnqueueAsync(It.Is<OutboundSend>(s => s.IdempotencyKey == key), null, It.IsAny<CancellationToken>()), Times.Once);
        _timetable.Verify(t => t.TryAdvanceAsync(Due, NextDue, It.IsAny<CancellationToken>()), Times.Once);
        _leases.Verify(l => l.ReleaseAsync(It.Is<Lease>(x => x.Resource == "occurrence:" + Due.OccurrenceKey), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_LeaseHeldByAnotherInstance_RunsAndQueuesNothing()
    {
        _leases.Setup(l => l.TryAcquireAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Lease?)null);

        var ran = await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, ran);
        _job.Verify(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()), Times.Never);
        _outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
        _timetable.Verify(t => t.TryAdvanceAsync(It.IsAny<TimetableEntry>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunDueAsync_BegunBeforeACrashAndStillPending_QueuesAgain()
    {
        var key = "checkin:" + Due.OccurrenceKey;
        _idempotency.Setup(i => i.TryBeginAsync(key, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _idempotency.Setup(i => i.GetAsync(key, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IdempotencyRecord(key, IdempotencyStates.Pending, null, Now.AddMinutes(-5)));

        await NewTick().RunDueAsync(CancellationToken.None);

        _outbox.Verify(o => o.EnqueueAsync(It.Is<OutboundSend>(s => s.IdempotencyKey == key), null, It.IsAny<CancellationToken>()), Times.Once);
        _timetable.Verify(t => t.TryAdvanceAsync(Due, NextDue, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(IdempotencyStates.Done)]
    [InlineData(IdempotencyStates.Dead)]
    public async Task RunDueAsync_BegunAndSettled_DoesNotQueueButAdvances(string state)
    {
        var key = "checkin:" + Due.OccurrenceKey;
        _idempotency.Setup(i => i.TryBeginAsync(key, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _idempotency.Setup(i => i.GetAsync(key, It.IsAny<CancellationToken>())).ReturnsAsync(new IdempotencyRecord(key, state, "a1", Now));

        await NewTick().RunDueAsync(CancellationToken.None);

        _outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
        _timetable.Verify(t => t.TryAdvanceAsync(Due, NextDue, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_UnknownKind_RemovesTheEntryConditionally()
    {
        var odd = Due with { Job = "retired-job" };
        _timetable.Setup(t => t.ListDueAsync(Now, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([odd]);

        await NewTick().RunDueAsync(CancellationToken.None);

        _timetable.Verify(t => t.TryAdvanceAsync(odd, null, It.IsAny<CancellationToken>()), Times.Once);
        _job.Verify(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunDueAsync_OneEntryFails_OthersStillRunAndTheFailedOneKeepsItsTime()
    {
        var broken = Due with { InstallationKey = "19:broken@thread.tacv2" };
        _timetable.Setup(t => t.ListDueAsync(Now, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([broken, Due]);
        _idempotency.Setup(i => i.TryBeginAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _job.Setup(j => j.RunAsync(broken, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));

        var ran = await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal(1, ran);
        _timetable.Verify(t => t.TryAdvanceAsync(broken, It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Never);
        _timetable.Verify(t => t.TryAdvanceAsync(Due, NextDue, It.IsAny<CancellationToken>()), Times.Once);
        _leases.Verify(l => l.ReleaseAsync(It.IsAny<Lease>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task RunDueAsync_ListingStaleBecauseAnotherInstanceRanIt_RunsNothingAndQueuesNothing()
    {
        _timetable.Setup(t => t.GetAsync(Due.TenantId, Due.InstallationKey, Due.Job, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Due with { DueAt = NextDue, Version = "\"v2\"" });

        var ran = await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, ran);
        _job.Verify(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()), Times.Never);
        _outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
        _leases.Verify(l => l.ReleaseAsync(It.IsAny<Lease>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_TakesTheConfiguredBatch()
    {
        _idempotency.Setup(i => i.TryBeginAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await NewTick(new DeliveryOptions { TickBatch = 7 }).RunDueAsync(CancellationToken.None);

        _timetable.Verify(t => t.ListDueAsync(Now, 7, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_ManyDueEntries_RunsUpToTickConcurrencyAtOnce()
    {
        var due = Enumerable.Range(0, 12).Select(i => Due with { InstallationKey = $"19:team{i}@thread.tacv2" }).ToList();
        _timetable.Setup(t => t.ListDueAsync(Now, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(due);
        _idempotency.Setup(i => i.TryBeginAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var inFlight = 0;
        var peak = 0;
        _job.Setup(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()))
            .Returns(async (TimetableEntry entry, CancellationToken cancellationToken) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                await Task.Delay(50, cancellationToken);
                Interlocked.Decrement(ref inFlight);
                return new JobRun([SendFor(entry)], NextDue);
            });

        var ran = await NewTick(new DeliveryOptions { TickConcurrency = 4 }).RunDueAsync(CancellationToken.None);

        Assert.Equal(12, ran);
        Assert.InRange(peak, 2, 4);
        _outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), null, It.IsAny<CancellationToken>()), Times.Exactly(12));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static OutboundSend SendFor(TimetableEntry entry) =>
        new("checkin:" + entry.OccurrenceKey, OutboundKinds.CheckIn, entry.TenantId, entry.InstallationKey, null, "{}");

    private SchedulerTick NewTick(DeliveryOptions? options = null)
    {
        var services = new ServiceCollection().AddSingleton(_job.Object).BuildServiceProvider();
        return new SchedulerTick(
            _timetable.Object,
            _leases.Object,
            _idempotency.Object,
            _outbox.Object,
            services.GetRequiredService<IServiceScopeFactory>(),
            _instance,
            OptionsFactory.Create(options ?? new DeliveryOptions()),
            new FakeTimeProvider(Now),
            NullLogger<SchedulerTick>.Instance);
    }
}
