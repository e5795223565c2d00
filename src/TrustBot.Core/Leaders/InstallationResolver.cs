using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Finds the installation a command is about: the team or chat it was typed in, or, in a leader's 1:1 chat, the
/// team the leader named (or their only team).
/// </summary>
public sealed class InstallationResolver(IInstallationStore store, PersonLeadership leadership)
{
    public async Task<(Installation? Installation, string? Problem)> ResolveAsync(IncomingMessage message, string teamName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind != ConversationKind.Personal)
        {
            var key = message.Kind == ConversationKind.Channel ? message.TeamId : message.ConversationId;
            var here = key is null ? null : await store.GetAsync(message.TenantId, key, cancellationToken);
            return here is { Status: InstallationStatus.Active }
                ? (here, null)
                : (null, "I can't find my installation here. Try removing and adding TrustBot again.");
        }

        var teams = await LedTeamsAsync(message.TenantId, message.FromId, message.FromAadObjectId, cancellationToken);
        if (teams.Count == 0)
        {
            return (null, "You don't lead a team that uses TrustBot yet. Add TrustBot to a team first, then try again here.");
        }

        var matching = string.IsNullOrWhiteSpace(teamName)
            ? teams
            : teams.Where(t => (t.TeamName ?? string.Empty).Contains(teamName.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return matching.Count switch
        {
            1 => (matching[0], null),
            0 => (null, $"I couldn't find a team called \"{teamName.Trim()}\". Your teams: {Names(teams)}."),
            _ => (null, $"Which team? Add its name, for example `{Names(matching).Split(',')[0]}`. Your teams: {Names(matching)}."),
        };
    }

    /// <summary>The active team installations the person leads, found by Teams user id or Entra object id.</summary>
    public async Task<IReadOnlyList<Installation>> LedTeamsAsync(string tenantId, string? userId, string? aadObjectId, CancellationToken cancellationToken)
    {
        var teamKeys = new List<string>();
        foreach (var leader in await leadership.ListAsync(tenantId, userId, aadObjectId, cancellationToken))
        {
            // One person can show up twice for a team when rows were found by user id and by Entra id.
            if (!teamKeys.Contains(leader.TeamKey, StringComparer.Ordinal))
            {
                teamKeys.Add(leader.TeamKey);
            }
        }

        var teams = new List<Installation>();
        foreach (var key in teamKeys)
        {
            var installation = await store.GetAsync(tenantId, key, cancellationToken);
            if (installation is { IsActiveTeam: true })
            {
                teams.Add(installation);
            }
        }

        return teams;
    }

    private static string Names(IEnumerable<Installation> teams) => string.Join(", ", teams.Select(t => t.TeamName ?? "(unnamed team)"));
}
