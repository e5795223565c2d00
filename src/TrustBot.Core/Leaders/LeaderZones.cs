using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Leaders;

/// <summary>
/// The zone to quote times in for a message about one team: in a leader's own 1:1 chat the zone stored for that
/// leader of that team, when known; everywhere else, or when unknown, the team's zone.
/// </summary>
public sealed class LeaderZones(ILeaderStore leaders)
{
    public async Task<TimeZoneInfo> ForAsync(Commands.IncomingMessage message, Installation team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(team);
        var teamZone = team.EffectiveSchedule.TimeZoneId;
        if (message.Kind != ConversationKind.Personal)
        {
            return TimeZones.Resolve(teamZone, null);
        }

        // Read afresh rather than through PersonLeadership: this message's details refresh may just have stored the
        // zone its client reported, and the times quoted should already be in it.
        await foreach (var leader in leaders.ListForPersonAsync(message.TenantId, message.FromId, message.FromAadObjectId, cancellationToken))
        {
            if (string.Equals(leader.TeamKey, team.Key, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(leader.TimeZoneId))
            {
                return TimeZones.Resolve(leader.TimeZoneId, teamZone);
            }
        }

        return TimeZones.Resolve(teamZone, null);
    }
}
