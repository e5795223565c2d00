using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Habits;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Nudges;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Scheduling;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgeJobTests
{
    private readonly NudgeWorld _world = new();

    private static NudgePlan PlanOf(OutboundSend send) =>
        NudgePlan.FromJson(NudgePayload.Parse(send.PayloadJson).Plan, send.TenantId, send.InstallationKey, send.RecipientId!)
        ?? throw new InvalidOperationException("The send carries no plan.");

    private static TimetableEntry Entry(DateTimeOffset dueAt, string leaderId = NudgeWorld.LeaderId) =>
        new(TestIds.TenantId, TestIds.TeamId, JobNames.For(JobNames.Nudge, leaderId), dueAt);

    [Fact]
    public async Task RunAsync_DueLeader_PlansOneSendToTheLeaderKeyedByOccurrence()
    {
        var entry = Entry(NudgeWorld.MondayNine);

        var run = await _world.Job().RunAsync(entry, CancellationToken.None);

        var send = Assert.Single(run.Sends);
        Assert.Equal(
            ("nudge:" + entry.OccurrenceKey, OutboundKinds.Nudge, TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId),
            (send.IdempotencyKey, send.Kind, send.TenantId, send.InstallationKey, send.RecipientId));
        Assert.Equal(NudgePayload.WeeklyReason, NudgePayload.Parse(send.PayloadJson).Reason);
        Assert.Equal(JobNames.Nudge, _world.Job().Kind);
    }

    [Fact]
    public async Task RunAsync_DueLeader_PlansTheHabitForTheWeakestDimensionWithTheLeadersChatStreakAndTeam()
    {
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 5));
        _world.AddNudge("ng-1", "habit-1", NudgeWorld.MondayNine.AddDays(-7), NudgeResponse.Done);

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        var plan = PlanOf(Assert.Single(run.Sends));
        Assert.Contains("risk", HabitLibrary.Default.Find(plan.HabitId)!.Dimensions);
        Assert.StartsWith("ng-", plan.NudgeId, StringComparison.Ordinal);
        Assert.Equal(1, plan.Streak);
        Assert.Equal(NudgeWorld.TeamName, plan.TeamName);
        Assert.Equal(LeaderChatRoute.Of(NudgeWorld.Leader()), plan.Chat);
        Assert.Equal(NudgeWorld.MondayNine, plan.PlannedAt);
    }

    [Fact]
    public async Task RunAsync_EveryHabitExcluded_QueuesNothingButKeepsTheJob()
    {
        var i = 0;
        foreach (var habit in HabitLibrary.Default.Habits)
        {
            _world.AddNudge($"ng-{i++}", habit.Id, NudgeWorld.MondayNine.AddDays(-300), NudgeResponse.NotForMe);
        }

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Equal(NudgeWorld.MondayNine.AddDays(7), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_ManyLeadersOfOneTeam_ReadTheTeamOnce()
    {
        var leaders = Enumerable.Range(0, 20).Select(i => NudgeWorld.Leader() with { UserId = $"29:1leader-{i}" }).ToList();
        foreach (var leader in leaders)
        {
            await _world.Leaders.AddAsync(leader, CancellationToken.None);
        }

        var job = _world.Job();
        var runs = await Task.WhenAll(leaders.Select(l => job.RunAsync(Entry(NudgeWorld.MondayNine, l.UserId), CancellationToken.None)));

        Assert.All(runs, run => Assert.Single(run.Sends));
        Assert.Equal(1, _world.Installations.GetCalls);
        _world.CheckIns.Verify(c => c.ListForInstallationAsync(TestIds.TenantId, TestIds.TeamId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_LeaderAddedAfterTheSharedRead_IsReadAgainAndNudged()
    {
        var job = _world.Job();
        await job.RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);
        var added = NudgeWorld.Leader() with { UserId = "29:1leader-added-a-moment-later" };
        await _world.Leaders.AddAsync(added, CancellationToken.None);

        // Within the shared read's few seconds, which did not see the new leader.
        var run = await job.RunAsync(Entry(NudgeWorld.MondayNine, added.UserId), CancellationToken.None);

        Assert.Single(run.Sends);
        Assert.Equal(2, _world.Installations.GetCalls);
    }

    [Fact]
    public async Task RunAsync_TeamReadMoreThanAFewSecondsAgo_ReadsItAgain()
    {
        var job = _world.Job();
        await job.RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);
        await _world.Leaders.UpdateAsync(NudgeWorld.Leader() with { Unreachable = true }, CancellationToken.None);

        _world.Time.Advance(NudgeTeamReads.FreshFor);
        var run = await job.RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Null(run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_NoHistory_NextDueAWeekLaterAtTheLeadersLocalTime()
    {
        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Equal(NudgeWorld.MondayNine.AddDays(7), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_ThirdIgnoredAWeekAgo_SkipsThisWeekAndWaitsTwoWeeksFromIt()
    {
        for (var week = 1; week <= 3; week++)
        {
            _world.AddNudge($"ng-{week}", $"habit-{week}", NudgeWorld.MondayNine.AddDays(-7 * week));
        }

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Equal(NudgeWorld.MondayNine.AddDays(7), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_ThreeIgnoredLastTwoWeeksAgo_SendsAndNextDueFourteenDaysLater()
    {
        for (var week = 2; week <= 4; week++)
        {
            _world.AddNudge($"ng-{week}", $"habit-{week}", NudgeWorld.MondayNine.AddDays(-7 * week));
        }

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Single(run.Sends);
        Assert.Equal(NudgeWorld.MondayNine.AddDays(14), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_AnsweredAfterIgnoredRun_BackToSevenDays()
    {
        for (var week = 2; week <= 4; week++)
        {
            _world.AddNudge($"ng-{week}", $"habit-{week}", NudgeWorld.MondayNine.AddDays(-7 * week));
        }

        _world.AddNudge("ng-1", "habit-1", NudgeWorld.MondayNine.AddDays(-7), NudgeResponse.Done);

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Equal(NudgeWorld.MondayNine.AddDays(7), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_LeaderInTokyo_UsesTheLeadersZoneNotTheTeams()
    {
        await _world.Leaders.UpdateAsync(NudgeWorld.Leader("Asia/Tokyo"), CancellationToken.None);

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        // Monday 09:00 in Tokyo (UTC+9) is Monday 00:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_LeaderZoneUnknown_UsesTheTeamsZone()
    {
        await _world.Leaders.UpdateAsync(NudgeWorld.Leader(timeZoneId: null), CancellationToken.None);

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        // Monday 09:00 in New York (UTC-5 until 8 March, UTC-4 from then) is 13:00 UTC on 9 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_ChosenTimeInQuietHours_MovedToWhenTheyEnd()
    {
        await _world.Leaders.UpdateAsync(NudgeWorld.Leader() with { NudgeDay = DayOfWeek.Friday, NudgeTime = new TimeOnly(19, 0) }, CancellationToken.None);

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        // A week after this run comes Friday 13 March, 19:00: quiet, and the weekend too, so Monday 16 March, 08:00 in Berlin.
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 7, 0, 0, TimeSpan.Zero), run.NextDueAt);
        Assert.False(QuietHours.Default.Contains(run.NextDueAt!.Value, Instants.Zone("Europe/Berlin")));
    }

    [Fact]
    public async Task RunAsync_TeamPaused_SkipsTheSendButKeepsTheEntry()
    {
        _world.Installations.Seed(NudgeWorld.Team() with
        {
            Schedule = TeamSchedule.Default("America/New_York") with { PausedUntil = new DateOnly(2026, 3, 20) },
        });

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Equal(NudgeWorld.MondayNine.AddDays(7), run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_PauseEnded_Sends()
    {
        _world.Installations.Seed(NudgeWorld.Team() with
        {
            Schedule = TeamSchedule.Default("America/New_York") with { PausedUntil = new DateOnly(2026, 3, 1) },
        });

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Single(run.Sends);
    }

    [Fact]
    public async Task RunAsync_LeaderGone_DropsTheJob()
    {
        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine, NudgeWorld.OtherPersonId), CancellationToken.None);

        Assert.Equal(new JobRun([], null), run);
    }

    [Fact]
    public async Task RunAsync_LeaderUnreachable_DropsTheJob()
    {
        await _world.Leaders.UpdateAsync(NudgeWorld.Leader() with { Unreachable = true }, CancellationToken.None);

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Null(run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_TeamRemoved_DropsTheJob()
    {
        _world.Installations.Seed(NudgeWorld.Team() with { Status = InstallationStatus.Removed });

        var run = await _world.Job().RunAsync(Entry(NudgeWorld.MondayNine), CancellationToken.None);

        Assert.Empty(run.Sends);
        Assert.Null(run.NextDueAt);
    }

    [Fact]
    public async Task RunAsync_JobWithoutSubject_DropsTheJob()
    {
        var entry = new TimetableEntry(TestIds.TenantId, TestIds.TeamId, JobNames.Nudge, NudgeWorld.MondayNine);

        var run = await _world.Job().RunAsync(entry, CancellationToken.None);

        Assert.Null(run.NextDueAt);
    }
}
