namespace TrustBot.Core.Scheduling;

/// <summary>A recurring local time: a weekday and a wall-clock time in an IANA zone, every <paramref name="IntervalWeeks"/> weeks.</summary>
public sealed record WeeklySlot(DayOfWeek Day, TimeOnly Time, string TimeZoneId, int IntervalWeeks = 1)
{
    /// <summary>A leader's nudge slot unless they chose another: Monday 09:00, weekly.</summary>
    public static WeeklySlot LeaderDefault(string timeZoneId) => new(DayOfWeek.Monday, new TimeOnly(9, 0), timeZoneId);

    /// <summary>A team's check-in slot unless configured: Tuesday 10:00, weekly.</summary>
    public static WeeklySlot TeamDefault(string timeZoneId) => new(DayOfWeek.Tuesday, new TimeOnly(10, 0), timeZoneId);
}
