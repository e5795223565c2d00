using Microsoft.Extensions.Logging;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Makes the person who adds TrustBot to a team its first leader, by name, and introduces them in their private chat;
/// puts the weekly nudge of every leader the team has on the timetable.
/// </summary>
public sealed class LeaderEnrollment(
    ILeaderStore leaders,
    ITimetable timetable,
    LeaderNames names,
    LeaderIntroductions introductions,
    TimeProvider timeProvider,
    ILogger<LeaderEnrollment> logger) : IInstallationObserver
{
    public async Task OnActivatedAsync(Installation installation, InstallationEvent installationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(installationEvent);
        if (installation.Kind != ConversationKind.Channel)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        Leader? newLeader = null;
        if (string.IsNullOrEmpty(installationEvent.ActorId))
        {
            LeadersLog.InstallerUnknown(logger);
        }
        else
        {
            newLeader = await EnrollInstallerAsync(installation, installationEvent, now, cancellationToken);
        }

        await PlanNudgesAsync(installation, now, cancellationToken);

        // Last, so that a failure to queue it costs nobody their nudge. Someone who led the team already (a reinstall
        // within the grace period) was introduced when they became a leader.
        if (newLeader is not null)
        {
            await introductions.QueueAsync(newLeader, cancellationToken);
        }
    }

    // Leaders stay through a removal: a reinstall within the grace period keeps them, and the retention sweep erases
    // them with the rest of the team's data once it is over.
    public Task OnRemovedAsync(string tenantId, string key, CancellationToken cancellationToken) => Task.CompletedTask;

    // The installer as a new leader, or null when they led the team already.
    private async Task<Leader?> EnrollInstallerAsync(
        Installation installation, InstallationEvent installationEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leader = new Leader
        {
            TenantId = installation.TenantId,
            TeamKey = installation.Key,
            UserId = installationEvent.ActorId!,
            AadObjectId = installationEvent.ActorAadObjectId,
            Name = string.IsNullOrWhiteSpace(installationEvent.ActorName) ? null : installationEvent.ActorName.Trim(),
            TimeZoneId = installationEvent.ActorTimeZone,
            ServiceUrl = installationEvent.ServiceUrl,
            BotId = installationEvent.BotId,
            AddedAt = now,
        };

        if (await leaders.AddAsync(leader, cancellationToken))
        {
            LeadersLog.InstallerEnrolled(logger);
            // Some clients send the install event without the person's name; the roster has it.
            return LeaderNames.IsNameless(leader) ? (await names.FromRosterAsync(installation, [leader], cancellationToken))[0] : leader;
        }

        // A reinstall within the grace period: the stored leader (and their chosen nudge slot) stays; only a name the
        // event carries is taken, being the freshest one.
        LeadersLog.InstallerAlreadyLeader(logger);
        var stored = await leaders.GetAsync(leader.TenantId, leader.TeamKey, leader.UserId, cancellationToken);
        if (stored is not null && leader.Name is { } name && !string.Equals(stored.Name, name, StringComparison.Ordinal))
        {
            await leaders.UpdateAsync(stored with { Name = name }, cancellationToken);
        }

        return null;
    }

    // A removal takes every timetable entry of the team, and a reinstall within the grace period keeps its leaders:
    // each of them gets their nudge back. An entry that exists already (a repeated event) keeps its time.
    private async Task PlanNudgesAsync(Installation installation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var team = new List<Leader>();
        await foreach (var leader in leaders.ListForTeamAsync(installation.TenantId, installation.Key, cancellationToken))
        {
            team.Add(leader);
        }

        var planned = 0;
        foreach (var leader in team)
        {
            if (await timetable.AddIfMissingAsync(LeaderNudges.FirstEntry(leader, installation.EffectiveSchedule.TimeZoneId, now), cancellationToken))
            {
                planned++;
            }
        }

        if (planned > 0)
        {
            LeadersLog.NudgesPlanned(logger, planned);
        }
    }
}
