namespace TrustBot.Core.Scheduling;

/// <summary>When each scheduled job of a team is next due. Pure: the caller supplies "now" and the settings.</summary>
public static class TeamTimetable
{
    /// <summary>
    /// The team's next check-in after <paramref name="after"/>. <paramref name="previous"/> (the occurrence just run)
    /// anchors the every-N-weeks cadence; a pause moves the occurrence to the first slot on or after its end.
    /// </summary>
    public static DateTimeOffset NextCheckIn(TeamSchedule schedule, DateTimeOffset after, DateTimeOffset? previous = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return AfterPause(schedule, schedule.CheckInSlot, after, previous);
    }

    /// <summary>
    /// The first of the team's check-ins from <paramref name="next"/> on that starts once the open one has closed at
    /// <paramref name="openClosesAt"/>: an occurrence while a check-in is open is skipped, and the one after it is
    /// anchored on the skipped one, as the check-in job does.
    /// </summary>
    public static DateTimeOffset NextCheckInAfterOpen(TeamSchedule schedule, DateTimeOffset next, DateTimeOffset openClosesAt)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        while (next < openClosesAt)
        {
            next = NextCheckIn(schedule, next, next);
        }

        return next;
    }

    /// <summary>The team's next speak-up prompt, at the check-in slot every few weeks; null when speak-up is off.</summary>
    public static DateTimeOffset? NextSpeakUp(TeamSchedule schedule, DateTimeOffset after, DateTimeOffset? previous = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.SpeakUpEveryWeeks <= 0)
        {
            return null;
        }

        return AfterPause(schedule, schedule.CheckInSlot with { IntervalWeeks = schedule.SpeakUpEveryWeeks }, after, previous);
    }

    /// <summary>How long after a check-in's closing time its digest goes out, so that the closer has surely run first.</summary>
    public static readonly TimeSpan DigestAfterClose = TimeSpan.FromHours(1);

    /// <summary>
    /// The team's next weekly digest: an hour after the week's check-in has closed (slot + <paramref name="checkInDuration"/>),
    /// moved out of quiet hours in the team's zone.
    /// </summary>
    public static DateTimeOffset NextDigest(TeamSchedule schedule, DateTimeOffset after, TimeSpan checkInDuration, QuietHours quiet)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(quiet);
        var weekly = schedule.CheckInSlot with { IntervalWeeks = 1 };
        var wait = checkInDuration + DigestAfterClose;
        var due = SlotCalendar.NextOccurrence(weekly, after - wait) + wait;
        return SlotCalendar.OutsideQuietHours(due, TimeZones.Resolve(weekly.TimeZoneId, null), quiet);
    }

    /// <summary>
    /// The once-only reminder of a check-in: halfway through it, moved out of quiet hours in the team's zone, and
    /// null when that would be too close to (or after) its closing time to be of use.
    /// </summary>
    public static DateTimeOffset? ReminderAt(DateTimeOffset opensAt, DateTimeOffset closesAt, string? teamTimeZoneId, QuietHours quiet)
    {
        ArgumentNullException.ThrowIfNull(quiet);
        var due = opensAt + ((closesAt - opensAt) / 2);
        due = SlotCalendar.OutsideQuietHours(due, TimeZones.Resolve(teamTimeZoneId, null), quiet);
        return closesAt - due >= TimeSpan.FromHours(2) ? due : null;
    }

    private static DateTimeOffset AfterPause(TeamSchedule schedule, WeeklySlot slot, DateTimeOffset after, DateTimeOffset? previous)
    {
        var next = SlotCalendar.NextOccurrence(slot, after, previous);
        return schedule.ResumesAt is { } resume && next < resume
            ? SlotCalendar.NextOccurrence(slot, resume - TimeSpan.FromTicks(1), previous)
            : next;
    }
}
