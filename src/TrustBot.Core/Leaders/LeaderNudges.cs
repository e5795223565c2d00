using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Leaders;

/// <summary>A leader's place on the timetable: the weekly nudge job named for them.</summary>
internal static class LeaderNudges
{
    public static string Job(string userId) => JobNames.For(JobNames.Nudge, userId);

    /// <summary>The first nudge of a new leader: their next slot after <paramref name="now"/>, outside quiet hours.</summary>
    public static TimetableEntry FirstEntry(Leader leader, string? teamTimeZoneId, DateTimeOffset now) =>
        new(leader.TenantId, leader.TeamKey, Job(leader.UserId),
            TeamTimetable.NextNudge(leader, teamTimeZoneId, now, previous: null, NudgeCadence.Weekly, QuietHours.Default));
}
