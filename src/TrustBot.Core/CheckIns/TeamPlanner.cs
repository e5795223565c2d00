using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Keeps a team's recurring timetable entries (check-in, speak-up, digest) in line with its schedule: planned when
/// the team installs the app, re-planned when settings change the schedule, removed with the installation.
/// </summary>
public sealed class TeamPlanner(
    ITimetable timetable,
    IOptions<CheckInOptions> checkIns,
    TimeProvider timeProvider) : IInstallationObserver
{
    public Task OnActivatedAsync(Installation installation, InstallationEvent installationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        // Only a team has a channel to post check-ins into. An entry that exists already (a repeated event) keeps its time.
        return installation.Kind == ConversationKind.Channel
            ? PlanAsync(installation, replace: false, cancellationToken)
            : Task.CompletedTask;
    }

    public async Task OnRemovedAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        var jobs = new List<string>();
        await foreach (var entry in timetable.ListForInstallationAsync(tenantId, key, cancellationToken))
        {
            jobs.Add(entry.Job);
        }

        foreach (var job in jobs)
        {
            await timetable.RemoveAsync(tenantId, key, job, cancellationToken);
        }
    }

    /// <summary>Sets the team's check-in, speak-up and digest entries from its current schedule (speak-up removed when off).</summary>
    public Task ReplanAsync(Installation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return installation is { IsActiveTeam: true }
            ? PlanAsync(installation, replace: true, cancellationToken)
            : OnRemovedAsync(installation.TenantId, installation.Key, cancellationToken);
    }

    private async Task PlanAsync(Installation installation, bool replace, CancellationToken cancellationToken)
    {
        var schedule = installation.EffectiveSchedule;
        var now = timeProvider.GetUtcNow();

        await PutAsync(installation, JobNames.CheckIn, TeamTimetable.NextCheckIn(schedule, now), replace, cancellationToken);
        await PutAsync(installation, JobNames.SpeakUp, TeamTimetable.NextSpeakUp(schedule, now), replace, cancellationToken);
        var digest = TeamTimetable.NextDigest(schedule, now, checkIns.Value.Duration, QuietHours.Default);
        await PutAsync(installation, JobNames.Digest, digest, replace, cancellationToken);
    }

    private async Task PutAsync(Installation installation, string job, DateTimeOffset? dueAt, bool replace, CancellationToken cancellationToken)
    {
        if (dueAt is not { } at)
        {
            if (replace)
            {
                await timetable.RemoveAsync(installation.TenantId, installation.Key, job, cancellationToken);
            }

            return;
        }

        var entry = new TimetableEntry(installation.TenantId, installation.Key, job, at);
        if (replace)
        {
            await timetable.SetAsync(entry, cancellationToken);
        }
        else
        {
            await timetable.AddIfMissingAsync(entry, cancellationToken);
        }
    }
}
