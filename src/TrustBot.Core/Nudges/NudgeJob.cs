using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Nudges;

/// <summary>
/// Plans a leader's weekly nudge (job <c>nudge|{leaderUserId}</c>): one send to the leader, and the next slot in their
/// zone — a week on, or two weeks after three ignored nudges in a row — never inside quiet hours. A leader who is gone
/// or unreachable, or a team that removed the app, ends the job.
/// </summary>
/// <remarks>
/// The job reads what the nudge needs — the team, the leader and the leader's history (the team's parts shared by its
/// nudges, see <see cref="NudgeTeamReads"/>) — chooses the habit and carries the decision in the send as a
/// <see cref="NudgePlan"/>, so the sender posts without reading any of it again.
/// </remarks>
public sealed class NudgeJob(
    NudgeTeamReads teams,
    INudgeStore nudges,
    TimeProvider timeProvider,
    ILogger<NudgeJob> logger) : IScheduledJob
{
    /// <summary>The idempotency key prefix of weekly nudge sends; the occurrence key follows.</summary>
    public const string KeyPrefix = "nudge:";

    public string Kind => JobNames.Nudge;

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Subject is not { Length: > 0 } leaderUserId)
        {
            return Drop("no leader named");
        }

        var team = await teams.GetAsync(entry.TenantId, entry.InstallationKey, cancellationToken);
        if (team.Installation is { IsActiveTeam: true } && !team.Leaders.ContainsKey(leaderUserId))
        {
            // The shared read may be older than this leader (added within its few seconds): a leader it did not find is
            // looked up again before the occurrence is dropped, which would skip their nudge for the week.
            team = await teams.ReadAgainAsync(entry.TenantId, entry.InstallationKey);
        }

        if (team.Installation is not { IsActiveTeam: true } installation)
        {
            return Drop("team inactive");
        }

        if (!team.Leaders.TryGetValue(leaderUserId, out var leader) || leader.Unreachable)
        {
            return Drop("leader gone or unreachable");
        }

        var now = timeProvider.GetUtcNow();
        var history = await nudges.ListForLeaderAsync(entry.TenantId, entry.InstallationKey, leaderUserId, now - NudgeHistory.Window, cancellationToken);
        var schedule = installation.EffectiveSchedule;
        var entries = NudgeHistory.Entries(history);
        var interval = NudgeCadence.IntervalFor(entries);
        var next = LeaderNudges.Next(leader, schedule.TimeZoneId, now, entry.DueAt, interval, QuietHours.Default);

        // This occurrence was planned weekly before the latest nudge went unanswered; once the cadence has backed off,
        // wait out the longer interval from that nudge instead of sending now.
        var latest = entries.Count == 0 ? null : entries.MaxBy(e => e.SentAt);
        if (interval > NudgeCadence.Weekly && latest is not null && now < latest.SentAt + interval - TimeSpan.FromHours(12))
        {
            NudgesLog.BackedOff(logger);
            return new JobRun([], LeaderNudges.Next(leader, schedule.TimeZoneId, now, latest.SentAt, interval, QuietHours.Default));
        }

        if (schedule.IsPausedAt(now))
        {
            NudgesLog.SkippedWhilePaused(logger);
            return new JobRun([], next);
        }

        if (HabitChooser.Choose(team.Scores, history, now) is not { } habit)
        {
            NudgesLog.NoHabitLeft(logger);
            return new JobRun([], next);
        }

        var plan = new NudgePlan(
            NudgeSender.NewNudgeId(), habit.Id, NudgeHistory.Streak(history), installation.TeamName ?? "", LeaderChatRoute.Of(leader), now);
        var send = new OutboundSend(
            KeyPrefix + entry.OccurrenceKey,
            OutboundKinds.Nudge,
            entry.TenantId,
            entry.InstallationKey,
            leaderUserId,
            NudgePayload.Planned(plan).ToJson());
        return new JobRun([send], next);
    }

    private JobRun Drop(string reason)
    {
        NudgesLog.JobDropped(logger, reason);
        return new JobRun([], null);
    }
}
