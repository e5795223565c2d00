using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Fakes;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.CheckIns;

public sealed class CheckInCloseJobTests : IDisposable
{
    private static readonly DateTimeOffset ClosesAt = new(2026, 3, 13, 9, 0, 0, TimeSpan.Zero);
    private static readonly FoldOptions Folds = new() { FoldInterval = TimeSpan.FromMinutes(1), FoldDelay = TimeSpan.FromSeconds(2), SettleGrace = TimeSpan.FromMinutes(5) };

    private readonly Mock<ICheckInStore> _checkIns = new();
    private readonly Mock<IBallotBox> _ballots = new();
    private readonly FakeTimeProvider _clock = new(ClosesAt.AddSeconds(10));
    private readonly RecordingLogger<CheckInCloseJob> _logger = new();
    private readonly OpenCheckInCache _cache;

    public CheckInCloseJobTests()
    {
        _cache = new OpenCheckInCache(_checkIns.Object, new CheckInStatements(new InMemoryInstallationStore()), OptionsFactory.Create(new CheckInOptions()), _clock);
        _checkIns.Setup(s => s.CloseAsync(TestIds.TenantId, It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        Counts(participants: 7, counted: 7);
    }

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task RunAsync_DueAndEveryBallotCounted_ClosesAndQueuesTheClosedViewThenEnds()
    {
        var checkIn = Stored(CheckIn("ci-1") with { ActivityId = "1712345678901" });

        var run = await Job().RunAsync(Entry(checkIn), CancellationToken.None);

        _checkIns.Verify(s => s.CloseAsync(TestIds.TenantId, "ci-1", _clock.GetUtcNow(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(SharedCards.AtClose(checkIn), Assert.Single(run.Sends));
        Assert.Null(run.NextDueAt);
        Assert.Contains(_logger.Entries, e => e.EventId.Id == 2106);
    }

    [Fact]
    public async Task RunAsync_BallotsNotCountedYet_StaysOpenAndLooksAgainJustAfterTheNextFold()
    {
        var checkIn = Stored(CheckIn("ci-1") with { ActivityId = "1" });
        Counts(participants: 7, counted: 5);

        var run = await Job().RunAsync(Entry(checkIn), CancellationToken.None);

        _checkIns.Verify(s => s.CloseAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(run.Sends);
        // The fold after 09:00:10 is at 09:01:00 and runs two seconds later; the look comes a second after that.
        Assert.Equal(ClosesAt.AddMinutes(1).AddSeconds(3), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_BallotsStillMissingPastTheSettleGrace_ClosesAnywayWithAWarning()
    {
        var checkIn = Stored(CheckIn("ci-1"));
        Counts(participants: 7, counted: 5);
        _clock.SetUtcNow(ClosesAt + Folds.SettleGrace);

        var run = await Job().RunAsync(Entry(checkIn), CancellationToken.None);

        _checkIns.Verify(s => s.CloseAsync(TestIds.TenantId, "ci-1", ClosesAt + Folds.SettleGrace, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Null(run.NextDueAt);
        Assert.Contains(_logger.Entries, e => e.EventId.Id == 2150 && e.Message.Contains("2 accepted ballots", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_BeforeItsClosingTime_ComesBackAtIt()
    {
        var checkIn = Stored(CheckIn("ci-1") with { ClosesAt = ClosesAt.AddHours(1) });

        var run = await Job().RunAsync(Entry(checkIn), CancellationToken.None);

        Assert.Equal(ClosesAt.AddHours(1), run.NextDueAt);
        Assert.Empty(run.Sends);
        _checkIns.Verify(s => s.CloseAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_AlreadyClosed_QueuesTheSameClosedViewWithoutClosingAgain()
    {
        // A run cut off between the close and the queuing: the rerun finds it closed and still hands over the refresh,
        // under the same key, so it is made exactly once.
        var checkIn = Stored(CheckIn("ci-1") with { ActivityId = "1", Status = CheckInStatus.Closed });

        var run = await Job().RunAsync(Entry(checkIn), CancellationToken.None);

        Assert.Equal(SharedCards.AtClose(checkIn with { Status = CheckInStatus.Open }), Assert.Single(run.Sends));
        Assert.Null(run.NextDueAt);
        _checkIns.Verify(s => s.CloseAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_NeverPosted_ClosesWithoutASend()
    {
        var checkIn = Stored(CheckIn("ci-1"));

        var run = await Job().RunAsync(Entry(checkIn), CancellationToken.None);

        Assert.Empty(run.Sends);
        _checkIns.Verify(s => s.CloseAsync(TestIds.TenantId, "ci-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_CheckInGoneOrOfAnotherTeam_EndsWithoutClosing()
    {
        var elsewhere = Stored(CheckIn("ci-elsewhere") with { InstallationKey = "19:other@thread.tacv2" });

        var gone = await Job().RunAsync(Entry(CheckIn("ci-gone")), CancellationToken.None);
        var other = await Job().RunAsync(Entry(elsewhere) with { InstallationKey = TestIds.TeamId }, CancellationToken.None);

        Assert.Equal((0, (DateTimeOffset?)null), (gone.Sends.Count, gone.NextDueAt));
        Assert.Equal((0, (DateTimeOffset?)null), (other.Sends.Count, other.NextDueAt));
        _checkIns.Verify(s => s.CloseAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void EntryFor_CheckIn_IsItsCloseInItsTeamsTimetable()
    {
        Assert.Equal(new TimetableEntry(TestIds.TenantId, TestIds.TeamId, "checkin-close|ci-1", ClosesAt), CheckInCloseJob.EntryFor(CheckIn("ci-1")));
    }

    private CheckInCloseJob Job() => new(_checkIns.Object, _ballots.Object, _cache, OptionsFactory.Create(Folds), _clock, _logger);

    private CheckIn Stored(CheckIn checkIn)
    {
        _checkIns.Setup(s => s.GetAsync(checkIn.TenantId, checkIn.CheckInId, It.IsAny<CancellationToken>())).ReturnsAsync(checkIn);
        return checkIn;
    }

    private void Counts(int participants, int counted)
    {
        _ballots.Setup(b => b.CountParticipantsAsync(TestIds.TenantId, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(participants);
        _ballots.Setup(b => b.GetTallyAsync(TestIds.TenantId, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Tally(counted, new Dictionary<string, int[]>()));
    }

    private static TimetableEntry Entry(CheckIn checkIn) => CheckInCloseJob.EntryFor(checkIn) with { Version = "v1" };

    internal static CheckIn CheckIn(string checkInId) => new()
    {
        TenantId = TestIds.TenantId,
        CheckInId = checkInId,
        InstallationKey = TestIds.TeamId,
        ConversationId = TestIds.ChosenChannelId,
        ServiceUrl = TestIds.ServiceUrl,
        StatementIds = ["ps-mistakes"],
        Threshold = 5,
        OpensAt = ClosesAt.AddDays(-3),
        ClosesAt = ClosesAt,
    };
}
