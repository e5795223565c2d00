using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Leaders;

/// <summary>A leader's place on the timetable: the weekly nudge job named for them, and when it is next due.</summary>
public static class LeaderNudges
{
    public static string Job(string userId) => JobNames.For(JobNames.Nudge, userId);

    /// <summary>The first nudge of a new leader: their next slot after <paramref name="now"/>, outside quiet hours.</summary>
    public static TimetableEntry FirstEntry(Leader leader, string? teamTimeZoneId, DateTimeOffset now) =>
        new(leader.TenantId, leader.TeamKey, Job(leader.UserId),
            Next(leader, teamTimeZoneId, now, previous: null, interval: TimeSpan.Zero, QuietHours.Default));

    /// <summary>
    /// A leader's next nudge: the leader's slot, at least <paramref name="interval"/> after <paramref name="previous"/>
    /// (or the first slot after <paramref name="after"/>), never inside quiet hours in the leader's zone.
    /// </summary>
    public static DateTimeOffset Next(
        Leader leader, string? teamTimeZoneId, DateTimeOffset after, DateTimeOffset? previous, TimeSpan interval, QuietHours quiet)
    {
        ArgumentNullException.ThrowIfNull(leader);
        ArgumentNullException.ThrowIfNull(quiet);
        var slot = leader.NudgeSlot(teamTimeZoneId);
        // Half a day of slack keeps a slot that DST moved by an hour inside the wanted week.
        var from = previous is { } last && last + interval - TimeSpan.FromHours(12) > after ? last + interval - TimeSpan.FromHours(12) : after;
        var due = SlotCalendar.NextOccurrence(slot, from);
        return SlotCalendar.OutsideQuietHours(due, TimeZones.Resolve(slot.TimeZoneId, null), quiet);
    }
}
