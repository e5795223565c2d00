using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;
using static TrustBot.Core.Tests.Scheduling.Instants;

namespace TrustBot.Core.Tests.Scheduling;

public sealed class TeamTimetableTests
{
    private static readonly TeamSchedule Berlin = TeamSchedule.Default("Europe/Berlin");

    [Fact]
    public void NextCheckIn_CadenceTwoAnchoredOnThePreviousRun_SkipsAWeek()
    {
        var schedule = Berlin with { CadenceWeeks = 2 };
        var previous = At("2026-11-24T09:00:00Z");

        var next = TeamTimetable.NextCheckIn(schedule, previous.AddSeconds(30), previous);

        Assert.Equal(At("2026-12-08T09:00:00Z"), next);
    }

    [Fact]
    public void NextCheckIn_CadenceTwoWithoutAnchor_TakesTheNextSlot()
    {
        var next = TeamTimetable.NextCheckIn(Berlin with { CadenceWeeks = 2 }, At("2026-11-25T12:00:00Z"));

        Assert.Equal(At("2026-12-01T09:00:00Z"), next);
    }

    [Fact]
    public void NextCheckIn_Paused_FirstSlotOnOrAfterThePauseEnds()
    {
        var schedule = Berlin with { PausedUntil = new DateOnly(2026, 12, 8) };

        var next = TeamTimetable.NextCheckIn(schedule, At("2026-11-25T12:00:00Z"));

        Assert.Equal(At("2026-12-08T09:00:00Z"), next);
    }

    [Fact]
    public void NextSpeakUp_Off_IsNull()
    {
        Assert.Null(TeamTimetable.NextSpeakUp(Berlin with { SpeakUpEveryWeeks = 0 }, At("2026-11-25T12:00:00Z")));
    }

    [Fact]
    public void NextDigest_CloseFallsInTheEvening_MovesToTheNextMorning()
    {
        // Tuesday 16:00 plus three days closes Friday 16:00; with a four-hour check-in it closes Tuesday 20:00 instead.
        var schedule = Berlin with { Time = new TimeOnly(16, 0) };

        var next = TeamTimetable.NextDigest(schedule, At("2026-11-23T12:00:00Z"), TimeSpan.FromHours(4), QuietHours.Default);

        Assert.Equal(At("2026-11-25T07:00:00Z"), next);
    }

    [Fact]
    public void NextDigest_CloseOutsideQuietHours_IsAnHourAfterTheClose()
    {
        var next = TeamTimetable.NextDigest(Berlin, At("2026-11-23T12:00:00Z"), TimeSpan.FromDays(3), QuietHours.Default);

        Assert.Equal(At("2026-11-27T10:00:00Z"), next);
    }

    [Fact]
    public void NextNudge_FourteenDayInterval_SkipsTheWeekBetween()
    {
        var leader = new Leader
        {
            TenantId = "t",
            TeamKey = "k",
            UserId = "29:leader",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            BotId = "28:bot",
            AddedAt = At("2026-11-01T00:00:00Z"),
        };
        var previous = At("2026-11-23T08:00:00Z");

        var next = LeaderNudges.Next(leader, "Europe/Berlin", previous.AddMinutes(1), previous, TimeSpan.FromDays(14), QuietHours.Default);

        Assert.Equal(At("2026-12-07T08:00:00Z"), next);
    }

    [Fact]
    public void ReminderAt_HalfwayIsTooCloseToTheClose_IsNull()
    {
        var opens = At("2026-11-24T09:00:00Z");

        Assert.Null(TeamTimetable.ReminderAt(opens, opens.AddHours(3), "Europe/Berlin", QuietHours.Default));
    }

    [Fact]
    public void ReminderAt_TwoDayCheckIn_IsHalfway()
    {
        var opens = At("2026-11-24T09:00:00Z");

        Assert.Equal(opens.AddDays(1), TeamTimetable.ReminderAt(opens, opens.AddDays(2), "Europe/Berlin", QuietHours.Default));
    }

    [Fact]
    public void ReminderAt_HalfwayAtNight_MovesToEightInTheMorning()
    {
        // Three days from Tuesday 10:00 Berlin: halfway is Wednesday 22:00, inside the nightly quiet hours.
        var opens = At("2026-11-24T09:00:00Z");

        Assert.Equal(At("2026-11-26T07:00:00Z"), TeamTimetable.ReminderAt(opens, opens.AddDays(3), "Europe/Berlin", QuietHours.Default));
    }

    [Fact]
    public void ReminderAt_HalfwayInQuietHoursPushedPastTheClose_IsNull()
    {
        // Opens Friday 20:00 Berlin, closes Sunday 20:00: halfway is Saturday, and quiet hours last until Monday 08:00.
        var opens = At("2026-11-27T19:00:00Z");

        Assert.Null(TeamTimetable.ReminderAt(opens, opens.AddDays(2), "Europe/Berlin", QuietHours.Default));
    }
}
