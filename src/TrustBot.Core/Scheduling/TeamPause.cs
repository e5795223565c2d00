namespace TrustBot.Core.Scheduling;

/// <summary>Whether a team's pause covers an occurrence.</summary>
internal static class TeamPause
{
    /// <summary>True when <paramref name="occurrence"/> falls before the local midnight that ends the pause.</summary>
    public static bool Covers(TeamSchedule schedule, DateTimeOffset occurrence)
    {
        if (schedule.PausedUntil is not { } until)
        {
            return false;
        }

        var zone = TimeZones.Resolve(schedule.TimeZoneId, null);
        return occurrence < LocalTime.ToInstant(until, TimeOnly.MinValue, zone);
    }
}
