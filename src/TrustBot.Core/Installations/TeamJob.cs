using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Installations;

/// <summary>
/// A job that posts one card into a team's channel at the team's slot: nothing for a team that is gone (and the
/// entry goes too), nothing while the team is paused (the entry moves past the pause) or once the job is turned off, else one send keyed by the
/// occurrence.
/// </summary>
public abstract class TeamJob(IInstallationStore installations, TimeProvider timeProvider) : ITeamJob
{
    public abstract string Kind { get; }

    /// <summary>The kind of the send, one of <see cref="OutboundKinds"/>.</summary>
    protected abstract string SendKind { get; }

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var installation = await installations.GetAsync(entry.TenantId, entry.InstallationKey, cancellationToken);
        if (installation is not { IsActiveTeam: true })
        {
            return new JobRun([], null);
        }

        var schedule = installation.EffectiveSchedule;
        var next = NextDueAt(schedule, timeProvider.GetUtcNow(), entry.DueAt);
        // No next occurrence means the job was turned off: this one is not sent either.
        if (next is null || schedule.IsPausedAt(entry.DueAt))
        {
            return new JobRun([], next);
        }

        var send = new OutboundSend(
            SendKind + ":" + entry.OccurrenceKey, SendKind, entry.TenantId, entry.InstallationKey, RecipientId: null, PayloadJson: "{}");
        return new JobRun([send], next);
    }

    public DateTimeOffset? FirstDueAt(TeamSchedule schedule, DateTimeOffset now) => NextDueAt(schedule, now, previous: null);

    /// <summary>The next occurrence after <paramref name="now"/>, anchored on the one just run (if any); null ends the job.</summary>
    protected abstract DateTimeOffset? NextDueAt(TeamSchedule schedule, DateTimeOffset now, DateTimeOffset? previous);
}
