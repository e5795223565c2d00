using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.SpeakUp;

/// <summary>Queues the team's speak-up prompt every <see cref="TeamSchedule.SpeakUpEveryWeeks"/> weeks; ends when that is 0.</summary>
public sealed class SpeakUpJob(IInstallationStore installations, TimeProvider timeProvider) : TeamJob(installations, timeProvider)
{
    public override string Kind => JobNames.SpeakUp;

    protected override string SendKind => OutboundKinds.SpeakUp;

    protected override DateTimeOffset? NextDueAt(TeamSchedule schedule, DateTimeOffset now, DateTimeOffset? previous) =>
        TeamTimetable.NextSpeakUp(schedule, now, previous);
}
