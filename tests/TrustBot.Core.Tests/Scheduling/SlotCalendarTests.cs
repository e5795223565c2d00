using TrustBot.Core.Scheduling;
using static TrustBot.Core.Tests.Scheduling.Instants;

namespace TrustBot.Core.Tests.Scheduling;

public sealed class SlotCalendarTests
{
    private static readonly TimeOnly Nine = new(9, 0);

    [Theory]
    [InlineData("UTC", "2026-11-30T09:00:00Z")]
    [InlineData("Europe/Berlin", "2026-11-30T08:00:00Z")]
    [InlineData("America/New_York", "2026-11-30T14:00:00Z")]
    [InlineData("Asia/Kolkata", "2026-11-30T03:30:00Z")]
    [InlineData("Australia/Sydney", "2026-11-29T22:00:00Z")]
    public void NextOccurrence_LeaderDefault_IsMonday0900Local(string zone, string expected)
    {
        // Tuesday noon UTC: the next Monday 09:00 is six days away in every zone.
        var next = SlotCalendar.NextOccurrence(WeeklySlot.LeaderDefault(zone), At("2026-11-24T12:00:00Z"));

        Assert.Equal(At(expected), next);
    }

    [Fact]
    public void NextOccurrence_SameDayBeforeTheTime_ReturnsToday()
    {
        var slot = WeeklySlot.TeamDefault("America/New_York");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-11-24T09:59:00-05:00"));

        Assert.Equal(At("2026-11-24T10:00:00-05:00"), next);
    }

    [Fact]
    public void NextOccurrence_ExactlyAtTheSlot_ReturnsTheFollowingWeek()
    {
        var slot = WeeklySlot.TeamDefault("Europe/Berlin");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-11-24T10:00:00+01:00"));

        Assert.Equal(At("2026-12-01T10:00:00+01:00"), next);
    }

    [Fact]
    public void NextOccurrence_SydneyMondayBeginsWhileUtcIsStillSunday_ReturnsThatMonday()
    {
        var slot = WeeklySlot.LeaderDefault("Australia/Sydney");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-11-22T21:00:00Z"));

        Assert.Equal(At("2026-11-23T09:00:00+11:00"), next);
    }

    [Fact]
    public void NextOccurrence_AcrossSydneyDstStart_KeepsTheLocalTime()
    {
        // Sydney moves from +10 to +11 on 2026-10-04.
        var slot = WeeklySlot.LeaderDefault("Australia/Sydney");

        var before = SlotCalendar.NextOccurrence(slot, At("2026-09-29T00:00:00Z"));
        var after = SlotCalendar.NextOccurrence(slot, before);

        Assert.Equal(At("2026-10-05T09:00:00+11:00"), before);
        Assert.Equal(At("2026-10-12T09:00:00+11:00"), after);
    }

    [Fact]
    public void NextOccurrence_BerlinSlotOnSpringForwardDay_UsesSummerOffset()
    {
        var slot = new WeeklySlot(DayOfWeek.Sunday, Nine, "Europe/Berlin");

        var first = SlotCalendar.NextOccurrence(slot, At("2026-03-23T00:00:00Z"));
        var previous = SlotCalendar.NextOccurrence(slot, At("2026-03-16T00:00:00Z"));

        Assert.Equal(At("2026-03-29T07:00:00Z"), first);
        Assert.Equal(At("2026-03-22T08:00:00Z"), previous);
    }

    [Fact]
    public void NextOccurrence_BerlinTimeInSpringForwardGap_ShiftsByTheGap()
    {
        // 02:00 CET jumps to 03:00 CEST on 2026-03-29; 02:30 does not exist and becomes 03:30 CEST.
        var slot = new WeeklySlot(DayOfWeek.Sunday, new TimeOnly(2, 30), "Europe/Berlin");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-03-28T12:00:00Z"));

        Assert.Equal(At("2026-03-29T03:30:00+02:00"), next);
    }

    [Fact]
    public void NextOccurrence_NewYorkTimeInSpringForwardGap_ShiftsByTheGap()
    {
        // 02:00 EST jumps to 03:00 EDT on 2026-03-08.
        var slot = new WeeklySlot(DayOfWeek.Sunday, new TimeOnly(2, 30), "America/New_York");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-03-07T12:00:00Z"));

        Assert.Equal(At("2026-03-08T03:30:00-04:00"), next);
    }

    [Fact]
    public void NextOccurrence_BerlinAmbiguousFallBackTime_UsesFirstOccurrence()
    {
        // 03:00 CEST falls back to 02:00 CET on 2026-10-25; 02:30 happens twice.
        var slot = new WeeklySlot(DayOfWeek.Sunday, new TimeOnly(2, 30), "Europe/Berlin");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-10-24T12:00:00Z"));

        Assert.Equal(At("2026-10-25T00:30:00Z"), next);
    }

    [Fact]
    public void NextOccurrence_AfterFirstOfAmbiguousPair_SkipsTheSecondAndGoesToNextWeek()
    {
        var slot = new WeeklySlot(DayOfWeek.Sunday, new TimeOnly(2, 30), "Europe/Berlin");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-10-25T00:30:00Z"));

        Assert.Equal(At("2026-11-01T02:30:00+01:00"), next);
    }

    [Fact]
    public void NextOccurrence_NewYorkAmbiguousFallBackTime_UsesFirstOccurrence()
    {
        // 02:00 EDT falls back to 01:00 EST on 2026-11-01; 01:30 happens twice.
        var slot = new WeeklySlot(DayOfWeek.Sunday, new TimeOnly(1, 30), "America/New_York");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-10-31T12:00:00Z"));

        Assert.Equal(At("2026-11-01T01:30:00-04:00"), next);
    }

    [Fact]
    public void NextOccurrence_NewYorkSlotOnFallBackDay_UsesWinterOffset()
    {
        var slot = new WeeklySlot(DayOfWeek.Sunday, Nine, "America/New_York");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-10-31T12:00:00Z"));

        Assert.Equal(At("2026-11-01T14:00:00Z"), next);
    }

    [Fact]
    public void NextOccurrence_EveryTwoWeeksWithAnchor_SkipsTheOffWeek()
    {
        var slot = WeeklySlot.TeamDefault("UTC") with { IntervalWeeks = 2 };
        var anchor = At("2026-11-03T10:00:00Z");

        Assert.Equal(At("2026-11-17T10:00:00Z"), SlotCalendar.NextOccurrence(slot, anchor, anchor));
        Assert.Equal(At("2026-11-17T10:00:00Z"), SlotCalendar.NextOccurrence(slot, At("2026-11-10T12:00:00Z"), anchor));
        Assert.Equal(At("2026-12-01T10:00:00Z"), SlotCalendar.NextOccurrence(slot, At("2026-11-17T10:00:00Z"), anchor));
    }

    [Fact]
    public void NextOccurrence_BeforeTheAnchor_ReturnsTheAnchor()
    {
        var slot = WeeklySlot.TeamDefault("Europe/Berlin") with { IntervalWeeks = 2 };
        var anchor = At("2026-11-03T10:00:00+01:00");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-10-20T00:00:00Z"), anchor);

        Assert.Equal(anchor, next);
    }

    [Fact]
    public void NextOccurrence_EveryTwoWeeksAcrossBerlinFallBack_KeepsLocalTimeAndParity()
    {
        var slot = WeeklySlot.TeamDefault("Europe/Berlin") with { IntervalWeeks = 2 };
        var anchor = At("2026-10-20T10:00:00+02:00");

        var next = SlotCalendar.NextOccurrence(slot, anchor, anchor);

        Assert.Equal(At("2026-11-03T10:00:00+01:00"), next);
    }

    [Fact]
    public void NextOccurrence_UnknownZone_UsesUtc()
    {
        var slot = new WeeklySlot(DayOfWeek.Monday, Nine, "Nowhere/Special");

        var next = SlotCalendar.NextOccurrence(slot, At("2026-11-24T12:00:00Z"));

        Assert.Equal(At("2026-11-30T09:00:00Z"), next);
    }

    [Fact]
    public void NextOccurrence_IntervalBelowOne_Throws()
    {
        var slot = WeeklySlot.TeamDefault("UTC") with { IntervalWeeks = 0 };

        Assert.Throws<ArgumentOutOfRangeException>(() => SlotCalendar.NextOccurrence(slot, At("2026-11-24T12:00:00Z")));
    }

    [Fact]
    public void OutsideQuietHours_WeekdayEvening_MovesToNextMorning0800()
    {
        var berlin = Zone("Europe/Berlin");

        var allowed = SlotCalendar.OutsideQuietHours(At("2026-11-25T19:00:00+01:00"), berlin, QuietHours.Default);

        Assert.Equal(At("2026-11-26T08:00:00+01:00"), allowed);
    }

    [Fact]
    public void OutsideQuietHours_EarlyWeekdayMorning_MovesTo0800SameDay()
    {
        var kolkata = Zone("Asia/Kolkata");

        var allowed = SlotCalendar.OutsideQuietHours(At("2026-11-26T06:15:00+05:30"), kolkata, QuietHours.Default);

        Assert.Equal(At("2026-11-26T08:00:00+05:30"), allowed);
    }

    [Fact]
    public void OutsideQuietHours_FridayEvening_MovesToMonday0800()
    {
        var newYork = Zone("America/New_York");

        var allowed = SlotCalendar.OutsideQuietHours(At("2026-11-27T19:00:00-05:00"), newYork, QuietHours.Default);

        Assert.Equal(At("2026-11-30T08:00:00-05:00"), allowed);
    }

    [Fact]
    public void OutsideQuietHours_Monday0900Slot_IsAllowedUnchanged()
    {
        var sydney = Zone("Australia/Sydney");
        var slot = SlotCalendar.NextOccurrence(WeeklySlot.LeaderDefault("Australia/Sydney"), At("2026-11-24T00:00:00Z"));

        var allowed = SlotCalendar.OutsideQuietHours(slot, sydney, QuietHours.Default);

        Assert.Equal(slot, allowed);
    }

    [Fact]
    public void OutsideQuietHours_WeekendsOnlyQuiet_SaturdayMovesToMondayMidnight()
    {
        var weekendsOnly = new QuietHours(new TimeOnly(0, 0), new TimeOnly(0, 0), Weekends: true);

        var allowed = SlotCalendar.OutsideQuietHours(At("2026-11-28T15:00:00Z"), TimeZoneInfo.Utc, weekendsOnly);

        Assert.Equal(At("2026-11-30T00:00:00Z"), allowed);
    }

    [Fact]
    public void OutsideQuietHours_EndFallsInSpringForwardGap_MovesPastTheGap()
    {
        // Quiet until 02:30 on the Berlin spring-forward night; 02:30 does not exist that night.
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(2, 30), Weekends: false);
        var berlin = Zone("Europe/Berlin");

        var allowed = SlotCalendar.OutsideQuietHours(At("2026-03-28T23:00:00+01:00"), berlin, quiet);

        Assert.Equal(At("2026-03-29T03:30:00+02:00"), allowed);
    }
}
