namespace TrustBot.Core.Scheduling;

/// <summary>Turns the zone ids we are given (Teams clients send IANA ids) into a <see cref="TimeZoneInfo"/>.</summary>
public static class TimeZones
{
    /// <summary>The client's zone when it is known, else the team's, else UTC. Never throws.</summary>
    public static TimeZoneInfo Resolve(string? clientZone, string? teamZone) =>
        TryFind(clientZone) ?? TryFind(teamZone) ?? TimeZoneInfo.Utc;

    private static TimeZoneInfo? TryFind(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        // .NET maps IANA and Windows ids both ways on Linux with ICU, so either spelling works here.
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }
}
