using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.CheckIns;

/// <summary>Queues the team's check-in at its slot, every <see cref="TeamSchedule.CadenceWeeks"/> weeks.</summary>
public sealed class CheckInJob(IInstallationStore installations, TimeProvider timeProvider) : TeamJob(installations, timeProvider)
{
    public override string Kind => JobNames.CheckIn;

    protected override string SendKind => OutboundKinds.CheckIn;

    protected override DateTimeOffset? NextDueAt(TeamSchedule schedule, DateTimeOffset now, DateTimeOffset? previous) =>
        TeamTimetable.NextCheckIn(schedule, now, previous);
}
