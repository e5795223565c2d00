using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Fakes;
using TrustBot.Core.Tests.Settings;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.CheckIns;

public sealed class CheckInCloseSweepJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly InMemoryTimetable _timetable = new();
    private readonly RecordingLogger<CheckInCloseSweepJob> _logger = new();

    [Fact]
    public async Task RunAsync_OverdueCheckInsWithoutACloseEntry_GetOneAtTheirClose_OthersKeepTheirs()
    {
        var lost = CheckInCloseJobTests.CheckIn("ci-lost") with { ClosesAt = Now.AddDays(-90) };
        var planned = CheckInCloseJobTests.CheckIn("ci-planned") with { ClosesAt = Now.AddMinutes(-2) };
        Due(lost, planned);
        // Waiting for its last ballots: its own entry looks again later, and the sweep leaves that time alone.
        var waiting = CheckInCloseJob.EntryFor(planned) with { DueAt = Now.AddMinutes(1) };
        await _timetable.SetAsync(waiting, CancellationToken.None);

        var run = await Job().RunAsync(ServiceWide.Entry(CheckInCloseSweepJob.JobKind, Now), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Equal(Now + TimeSpan.FromMinutes(3), run.NextDueAt);
        Assert.Equal(CheckInCloseJob.EntryFor(lost), _timetable[TestIds.TenantId, TestIds.TeamId, "checkin-close|ci-lost"]);
        Assert.Equal(waiting, _timetable[TestIds.TenantId, TestIds.TeamId, "checkin-close|ci-planned"]);
        Assert.Contains(_logger.Entries, e => e.EventId.Id == 2111 && e.Message.Contains(" 1 ", StringComparison.Ordinal));
        // Nothing is closed here: the close entries do that, after the ballots settled.
        _checkIns.Verify(s => s.CloseAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_OnePlanFails_TheOthersAreStillPlanned()
    {
        var first = CheckInCloseJobTests.CheckIn("ci-1") with { ClosesAt = Now.AddDays(-1) };
        var second = CheckInCloseJobTests.CheckIn("ci-2") with { ClosesAt = Now.AddDays(-1) };
        Due(first, second);
        var timetable = new Mock<ITimetable>();
        timetable.Setup(t => t.AddIfMissingAsync(It.Is<TimetableEntry>(e => e.Subject == "ci-1"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage down"));
        timetable.Setup(t => t.AddIfMissingAsync(It.Is<TimetableEntry>(e => e.Subject == "ci-2"), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var run = await Job(timetable.Object).RunAsync(ServiceWide.Entry(CheckInCloseSweepJob.JobKind, Now), CancellationToken.None);

        timetable.Verify(t => t.AddIfMissingAsync(CheckInCloseJob.EntryFor(second), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains(_logger.Entries, e => e.EventId.Id == 2110);
        Assert.Equal(Now + TimeSpan.FromMinutes(3), run.NextDueAt);
    }

    [Fact]
    public void FirstDueAt_IsAtOnce()
    {
        Assert.Equal(Now, Job().FirstDueAt(Now));
    }

    private void Due(params CheckIn[] checkIns) =>
        _checkIns.Setup(s => s.ListDueToCloseAsync(Now, It.IsAny<CancellationToken>())).Returns(() => checkIns.ToAsyncEnumerable());

    private CheckInCloseSweepJob Job(ITimetable? timetable = null) => new(
        _checkIns.Object,
        timetable ?? _timetable,
        OptionsFactory.Create(new CheckInOptions { CloseInterval = TimeSpan.FromMinutes(3) }),
        new FakeTimeProvider(Now),
        _logger);
}
