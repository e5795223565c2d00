using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Installations;

/// <summary>
/// A job every team has on its timetable (its check-in, speak-up, digest). Registering it as an
/// <see cref="IScheduledJob"/> is all it takes: the <see cref="TeamPlanner"/> puts its first entry on a team's
/// timetable when the team installs the app and moves it when the team's schedule changes.
/// </summary>
public interface ITeamJob : IScheduledJob
{
    /// <summary>The first occurrence after <paramref name="now"/> under <paramref name="schedule"/>; null when the team has it turned off.</summary>
    DateTimeOffset? FirstDueAt(TeamSchedule schedule, DateTimeOffset now);
}
