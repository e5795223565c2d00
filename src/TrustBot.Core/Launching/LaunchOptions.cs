using System.ComponentModel.DataAnnotations;

namespace TrustBot.Core.Launching;

/// <summary>Limits on starting check-ins and speak-ups by hand (section <c>Launching</c>).</summary>
public sealed class LaunchOptions
{
    public const string SectionName = "Launching";

    /// <summary>
    /// Check-ins and speak-ups together that a team's leaders may start by hand per UTC day. Counted together because
    /// the harm of too many is the same either way: cards and pings in the team's channel. Scheduled ones do not count.
    /// </summary>
    [Range(1, 100)]
    public int MaxManualLaunchesPerTeamPerDay { get; set; } = 3;
}
