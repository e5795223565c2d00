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
    private readonly Mock<IOutbox> _outbox = new();
    private readonly Mock<IScheduledJob> _job = new();
    private readonly DeliveryInstance _instance = new("instance-a");
    private readonly List<TimetableAdvance> _advanced = [];
    private readonly List<string> _order = [];

    public SchedulerTickTests()
    {
        ClaimReturns([Due]);
        _timetable.Setup(t => t.TryAdvanceAllAsync(It.IsAny<IReadOnlyList<TimetableAdvance>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<TimetableAdvance> advances, CancellationToken _) =>
            {
                _advanced.AddRange(advances);
                _order.Add("advance");
            })
            .ReturnsAsync((IReadOnlyList<TimetableAdvance> advances, CancellationToken _) => advances.Count);
        _outbox.Setup(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback(() => _order.Add("enqueue"))
            .Returns(Task.CompletedTask);
        _job.SetupGet(j => j.Kind).Returns(JobNames.CheckIn);
        _job.Setup(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TimetableEntry entry, CancellationToken _) => new JobRun([SendFor(entry)], NextDue));
    }

    [Fact]
    public async Task RunDueAsync_DueEntry_ClaimsQueuesThenAdvancesOnce()
    {
        var ran = await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal(1, ran);
        var key = "checkin:" + Due.OccurrenceKey;
        _timetable.Verify(t => t.ClaimDueAsync(Now, 100, "instance-a", Now + TimeSpan.FromMinutes(2), It.IsAny<CancellationToken>()), Times.Once);
        _outbox.Verify(o => o.EnqueueAsync(It.Is<OutboundSend>(s => s.IdempotencyKey == key), null, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal([new TimetableAdvance(Due, NextDue)], _advanced);
        // Queued before the entry moves on: a crash in between reruns the occurrence instead of losing its send.
        Assert.Equal(["enqueue", "advance"], _order);
    }

    [Fact]
    public async Task RunDueAsync_NothingClaimed_RunsAndQueuesNothing()
    {
        ClaimReturns([]);

        var ran = await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, ran);
        _job.Verify(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()), Times.Never);
        _outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
        _timetable.Verify(t => t.TryAdvanceAllAsync(It.IsAny<IReadOnlyList<TimetableAdvance>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunDueAsync_ManyEntries_AdvancesThemAllInOneCall()
    {
        var due = Enumerable.Range(0, 5).Select(i => Due with { InstallationKey = $"19:team{i}@thread.tacv2" }).ToList();
        ClaimReturns(due);

        await NewTick().RunDueAsync(CancellationToken.None);

        _timetable.Verify(t => t.TryAdvanceAllAsync(It.IsAny<IReadOnlyList<TimetableAdvance>>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(due.Select(e => new TimetableAdvance(e, NextDue)).OrderBy(a => a.Entry.InstallationKey), _advanced.OrderBy(a => a.Entry.InstallationKey));
    }

    [Fact]
    public async Task RunDueAsync_UnknownKind_RemovesTheEntryConditionally()
    {
        var odd = Due with { Job = "retired-job" };
        ClaimReturns([odd]);

        await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal([new TimetableAdvance(odd, null)], _advanced);
        _job.Verify(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunDueAsync_OneEntryFails_OthersStillRunAndTheFailedOneKeepsItsTimeAndGivesItsClaimUp()
    {
        var broken = Due with { InstallationKey = "19:broken@thread.tacv2" };
        ClaimReturns([broken, Due]);
        _job.Setup(j => j.RunAsync(broken, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));

        var ran = await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal(1, ran);
        Assert.Contains(new TimetableAdvance(broken, broken.DueAt), _advanced);
        Assert.Contains(new TimetableAdvance(Due, NextDue), _advanced);
    }

    [Fact]
    public async Task RunDueAsync_Stopping_StillGivesTheClaimsOfUnrunEntriesBack()
    {
        var due = Enumerable.Range(0, 3).Select(i => Due with { InstallationKey = $"19:team{i}@thread.tacv2" }).ToList();
        ClaimReturns(due);
        using var stopping = new CancellationTokenSource();
        _job.Setup(j => j.RunAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()))
            .Returns(async (TimetableEntry entry, CancellationToken cancellationToken) =>
            {
                await stopping.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
                return new JobRun([SendFor(entry)], NextDue);
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NewTick(new DeliveryOptions { TickConcurrency = 1 }).RunDueAsync(stopping.Token));

        Assert.Equal(due.Select(TimetableAdvance.Retry), _advanced);
        _timetable.Verify(t => t.TryAdvanceAllAsync(It.IsAny<IReadOnlyList<TimetableAdvance>>(), CancellationToken.None), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_AdvanceFails_TheTickStillReportsWhatRan()
    {
        _timetable.Setup(t => t.TryAdvanceAllAsync(It.IsAny<IReadOnlyList<TimetableAdvance>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage down"));

        var ran = await NewTick().RunDueAsync(CancellationToken.None);

        Assert.Equal(1, ran);
        _outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_ClaimsTheConfiguredBatchForTheLeaseDuration()
    {
        await NewTick(new DeliveryOptions { TickBatch = 7, LeaseDuration = TimeSpan.FromSeconds(45) }).RunDueAsync(CancellationToken.None);

        _timetable.Verify(t => t.ClaimDueAsync(Now, 7, "instance-a", Now.AddSeconds(45), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_ManyDueEntries_RunsUpToTickConcurrencyAtOnce()
    {
        var due = Enumerable.Range(0, 12).Select(i => Due with { InstallationKey = $"19:team{i}@thread.tacv2" }).ToList();
        ClaimReturns(due);
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

    private void ClaimReturns(IReadOnlyList<TimetableEntry> entries) =>
        _timetable.Setup(t => t.ClaimDueAsync(Now, It.IsAny<int>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(entries);

    private SchedulerTick NewTick(DeliveryOptions? options = null)
    {
        var services = new ServiceCollection().AddSingleton(_job.Object).BuildServiceProvider();
        return new SchedulerTick(
            _timetable.Object,
            _outbox.Object,
            services.GetRequiredService<IServiceScopeFactory>(),
            _instance,
            OptionsFactory.Create(options ?? new DeliveryOptions()),
            new FakeTimeProvider(Now),
            NullLogger<SchedulerTick>.Instance);
    }
}
