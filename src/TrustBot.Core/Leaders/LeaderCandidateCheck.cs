using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Whether a mentioned account may become one of a team's leaders: only a person (a <c>29:</c> user id, not a
/// channel, tag or bot) whom the team's roster, as the Connector reports it, lists as a member.
/// </summary>
public sealed class LeaderCandidateCheck(IBotMessenger messenger)
{
    private const string PersonIdPrefix = "29:";

    /// <summary>Null when <paramref name="person"/> may lead <paramref name="team"/>; otherwise a friendly reason why not.</summary>
    public async Task<string?> ProblemAsync(Installation team, TeamMember person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(person);
        var name = person.Name ?? "That mention";
        var teamName = team.TeamName ?? "this team";
        if (!person.UserId.StartsWith(PersonIdPrefix, StringComparison.Ordinal))
        {
            return $"{name} isn't a person, so it can't lead **{teamName}**: mention someone on the team (not a channel or a tag).";
        }

        try
        {
            await foreach (var member in messenger.ListMembersAsync(team.TenantId, team.ServiceUrl, team.Key, cancellationToken))
            {
                if (string.Equals(member.UserId, person.UserId, StringComparison.Ordinal))
                {
                    return null;
                }
            }
        }
        catch (InvalidOperationException)
        {
            return $"I couldn't read the member list of **{teamName}** just now, so I didn't add {name}. Please try again in a few minutes.";
        }

        return $"{name} isn't a member of **{teamName}**, so I can't make them a leader. Add them to the team first.";
    }
}
