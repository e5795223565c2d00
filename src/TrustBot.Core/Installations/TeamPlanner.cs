using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Installations;

/// <summary>
/// Keeps a team's recurring timetable entries (one per registered <see cref="ITeamJob"/>: check-in, speak-up,
/// digest) in line with its schedule: planned when the team installs the app, re-planned when settings change the
/// schedule, removed with the installation.
/// </summary>
public sealed class TeamPlanner(
    ITimetable timetable,
    IEnumerable<IScheduledJob> jobs,
    TimeProvider timeProvider) : IInstallationObserver
{
    // Every job registered as a team job, in registration order; adding one needs no change here.
    private readonly List<ITeamJob> _teamJobs = jobs.OfType<ITeamJob>().ToList();

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
        var planned = new List<string>();
        await foreach (var entry in timetable.ListForInstallationAsync(tenantId, key, cancellationToken))
        {
            planned.Add(entry.Job);
        }

        foreach (var job in planned)
        {
            await timetable.RemoveAsync(tenantId, key, job, cancellationToken);
        }
    }

    /// <summary>Sets the team's entries from its current schedule (a job the team turned off, such as speak-up, is removed).</summary>
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
        foreach (var job in _teamJobs)
        {
            await PutAsync(installation, job.Kind, job.FirstDueAt(schedule, now), replace, cancellationToken);
        }
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
