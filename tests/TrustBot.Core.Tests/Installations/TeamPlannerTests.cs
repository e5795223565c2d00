using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Digests;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.SpeakUp;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Scheduling;
using static TrustBot.Core.Tests.Scheduling.Instants;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace TrustBot.Core.Tests.Installations;

public sealed class TeamPlannerTests
{
    // Wednesday noon UTC; the team's slot is Tuesday 10:00 Berlin.
    private static readonly DateTimeOffset Now = At("2026-11-18T12:00:00Z");

    private readonly Mock<ITimetable> _timetable = new();
    private readonly List<TimetableEntry> _added = [];
    private readonly List<TimetableEntry> _set = [];
    private readonly List<string> _removed = [];

    public TeamPlannerTests()
    {
        _timetable.Setup(t => t.AddIfMissingAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()))
            .Callback((TimetableEntry e, CancellationToken _) => _added.Add(e)).ReturnsAsync(true);
        _timetable.Setup(t => t.SetAsync(It.IsAny<TimetableEntry>(), It.IsAny<CancellationToken>()))
            .Callback((TimetableEntry e, CancellationToken _) => _set.Add(e)).Returns(Task.CompletedTask);
        _timetable.Setup(t => t.RemoveAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, string job, CancellationToken _) => _removed.Add(job)).Returns(Task.CompletedTask);
    }

    // The digest follows an hour after the close of last Tuesday's check-in (three days), which is still ahead on Wednesday.
    [Fact]
    public async Task OnActivatedAsync_Team_AddsCheckInSpeakUpAndDigestAtTheirNextTimes()
    {
        await Planner().OnActivatedAsync(TeamJobsTests.Team(TeamSchedule.Default("Europe/Berlin")), null!, CancellationToken.None);

        Assert.Equal(
            [(JobNames.CheckIn, At("2026-11-24T09:00:00Z")), (JobNames.SpeakUp, At("2026-11-24T09:00:00Z")), (JobNames.Digest, At("2026-11-20T10:00:00Z"))],
            _added.Select(e => (e.Job, e.DueAt)));
        Assert.All(_added, e => Assert.Equal((TestIds.TenantId, TestIds.TeamId), (e.TenantId, e.InstallationKey)));
        Assert.Empty(_set);
    }

    // A new recurring team job is one file and one registration line: the planner plans whatever team jobs it is given.
    [Fact]
    public async Task OnActivatedAsync_ANewTeamJob_IsPlannedWithoutChangingThePlanner()
    {
        var pulse = new Mock<ITeamJob>();
        pulse.SetupGet(j => j.Kind).Returns("pulse");
        pulse.Setup(j => j.FirstDueAt(It.IsAny<TeamSchedule>(), Now)).Returns(At("2026-11-19T08:00:00Z"));

        await Planner(pulse.Object).OnActivatedAsync(TeamJobsTests.Team(TeamSchedule.Default("Europe/Berlin")), null!, CancellationToken.None);

        Assert.Equal([JobNames.CheckIn, JobNames.SpeakUp, JobNames.Digest, "pulse"], _added.Select(e => e.Job));
        Assert.Equal(At("2026-11-19T08:00:00Z"), _added[^1].DueAt);
    }

    [Fact]
    public async Task OnActivatedAsync_SpeakUpOff_AddsNoSpeakUpEntry()
    {
        var team = TeamJobsTests.Team(TeamSchedule.Default("Europe/Berlin") with { SpeakUpEveryWeeks = 0 });

        await Planner().OnActivatedAsync(team, null!, CancellationToken.None);

        Assert.Equal([JobNames.CheckIn, JobNames.Digest], _added.Select(e => e.Job));
    }

    [Fact]
    public async Task OnActivatedAsync_GroupChat_PlansNothing()
    {
        var chat = TeamJobsTests.Team(null) with { Kind = ConversationKind.GroupChat, Key = TestIds.GroupChatId };

        await Planner().OnActivatedAsync(chat, null!, CancellationToken.None);

        Assert.Empty(_added);
    }

    [Fact]
    public async Task OnRemovedAsync_RemovesEveryEntryOfTheInstallation()
    {
        _timetable.Setup(t => t.ListForInstallationAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<CancellationToken>()))
            .Returns(Entries(JobNames.CheckIn, JobNames.Digest, JobNames.For(JobNames.Reminder, "c1")));

        await Planner().OnRemovedAsync(TestIds.TenantId, TestIds.TeamId, CancellationToken.None);

        Assert.Equal([JobNames.CheckIn, JobNames.Digest, "reminder|c1"], _removed);
    }

    // Thursday's check-in closes on Sunday, inside weekend quiet hours, so the digest waits for Monday 08:00 New York.
    [Fact]
    public async Task ReplanAsync_NewScheduleWithSpeakUpOff_SetsCheckInAndDigestAndRemovesSpeakUp()
    {
        var schedule = new TeamSchedule(DayOfWeek.Thursday, new TimeOnly(14, 30), "America/New_York", SpeakUpEveryWeeks: 0);

        await Planner().ReplanAsync(TeamJobsTests.Team(schedule), CancellationToken.None);

        Assert.Equal([(JobNames.CheckIn, At("2026-11-19T19:30:00Z")), (JobNames.Digest, At("2026-11-23T13:00:00Z"))], _set.Select(e => (e.Job, e.DueAt)));
        Assert.Equal([JobNames.SpeakUp], _removed);
        Assert.Empty(_added);
    }

    // The three team jobs as AddTrustBotCore registers them, beside a job that is not a team job (the planner skips it).
    private TeamPlanner Planner(params IScheduledJob[] more)
    {
        var time = new FakeTimeProvider(Now);
        var installations = Mock.Of<IInstallationStore>();
        IScheduledJob[] jobs =
        [
            new CheckInJob(installations, time),
            Mock.Of<IScheduledJob>(j => j.Kind == "not-a-team-job"),
            new SpeakUpJob(installations, time),
            new DigestJob(installations, Mock.Of<ILeaderStore>(), OptionsFactory.Create(new CheckInOptions()), time, NullLogger<DigestJob>.Instance),
        ];
        return new TeamPlanner(_timetable.Object, [.. jobs, .. more], time);
    }

    private static async IAsyncEnumerable<TimetableEntry> Entries(params string[] jobs)
    {
        foreach (var job in jobs)
        {
            await Task.Yield();
            yield return new TimetableEntry(TestIds.TenantId, TestIds.TeamId, job, Now, "\"v\"");
        }
    }
}
