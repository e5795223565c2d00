using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Adds and removes a team's leaders together with their weekly nudge on the timetable, the same way for the
/// <c>leaders</c> command and the settings card. Checks nothing: callers decide who may change what.
/// </summary>
public sealed class LeaderChanges(ILeaderStore leaders, ITimetable timetable, LeaderDetails details, TimeProvider timeProvider)
{
    /// <summary>
    /// Makes <paramref name="person"/> a leader of <paramref name="team"/> and plans their first nudge. Someone added
    /// meanwhile by another leader counts the same: the person leads the team either way.
    /// </summary>
    /// <param name="team">The team installation.</param>
    /// <param name="person">The person from a mention or the roster.</param>
    /// <param name="serviceUrl">The service URL to reach the person's private chat through.</param>
    /// <param name="botId">The bot's account id.</param>
    /// <param name="timeZoneId">The person's client zone when known (only when they are the one asking), else null.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task<Leader> EnrollAsync(
        Installation team, TeamMember person, string serviceUrl, string botId, string? timeZoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(person);
        var now = timeProvider.GetUtcNow();
        var leader = new Leader
        {
            TenantId = team.TenantId,
            TeamKey = team.Key,
            UserId = person.UserId,
            AadObjectId = person.AadObjectId,
            Name = person.Name,
            TimeZoneId = timeZoneId,
            ServiceUrl = serviceUrl,
            BotId = botId,
            AddedAt = now,
        };

        await leaders.AddAsync(leader, cancellationToken);
        await timetable.AddIfMissingAsync(LeaderNudges.FirstEntry(leader, team.EffectiveSchedule.TimeZoneId, now), cancellationToken);
        details.Forget(team.TenantId, person.UserId);
        return leader;
    }

    /// <summary>Removes the leader and their nudge from the timetable.</summary>
    public async Task RemoveAsync(Leader leader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        await leaders.RemoveAsync(leader.TenantId, leader.TeamKey, leader.UserId, cancellationToken);
        await timetable.RemoveAsync(leader.TenantId, leader.TeamKey, LeaderNudges.Job(leader.UserId), cancellationToken);
    }
}
