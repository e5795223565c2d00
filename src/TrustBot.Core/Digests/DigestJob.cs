using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Digests;

/// <summary>
/// Plans the weekly digest of a team: one send per reachable leader, once the week's check-in has closed. A paused
/// team gets nothing but keeps its entry; a removed team's entry goes.
/// </summary>
public sealed class DigestJob(
    IInstallationStore installations,
    ILeaderStore leaders,
    IOptions<CheckInOptions> checkInOptions,
    TimeProvider timeProvider,
    ILogger<DigestJob> logger) : ITeamJob
{
    /// <summary>The payload key of the instant the digest describes.</summary>
    public const string AsOfKey = "asOf";

    public string Kind => JobNames.Digest;

    /// <summary>An hour after the week's check-in has closed, out of quiet hours in the team's zone.</summary>
    public DateTimeOffset? FirstDueAt(TeamSchedule schedule, DateTimeOffset now) =>
        TeamTimetable.NextDigest(schedule, now, checkInOptions.Value.Duration, QuietHours.Default);

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var team = await installations.GetAsync(entry.TenantId, entry.InstallationKey, cancellationToken);
        if (team is not { IsActiveTeam: true })
        {
            return new JobRun([], null);
        }

        var now = timeProvider.GetUtcNow();
        var schedule = team.EffectiveSchedule;
        var after = now > entry.DueAt ? now : entry.DueAt;
        var next = TeamTimetable.NextDigest(schedule, after, checkInOptions.Value.Duration, QuietHours.Default);
        if (schedule.IsPausedAt(now))
        {
            DigestsLog.DigestPaused(logger);
            return new JobRun([], next);
        }

        var payload = new JsonObject
        {
            [AsOfKey] = entry.DueAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        }.ToJsonString();
        var sends = new List<OutboundSend>();
        await foreach (var leader in leaders.ListForTeamAsync(entry.TenantId, entry.InstallationKey, cancellationToken))
        {
            if (leader.Unreachable)
            {
                continue;
            }

            sends.Add(new OutboundSend(
                "digest:" + entry.OccurrenceKey + ":" + leader.UserId,
                OutboundKinds.Digest,
                entry.TenantId,
                entry.InstallationKey,
                leader.UserId,
                payload));
        }

        DigestsLog.DigestPlanned(logger, sends.Count);
        return new JobRun(sends, next);
    }
}
