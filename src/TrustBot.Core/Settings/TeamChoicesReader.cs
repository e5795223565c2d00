using Microsoft.Extensions.Logging;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Settings;

/// <summary>
/// Reads a team's channels and roster for the settings card. Never throws for Teams' answers: a list that cannot be
/// read becomes a smaller card with a hint, never a failed command.
/// </summary>
public sealed class TeamChoicesReader(IBotMessenger messenger, ILogger<TeamChoicesReader> logger)
{
    /// <summary>The most people offered as leaders on one card (a card must stay far below Teams' 28 KB).</summary>
    public const int MaxPeople = 100;

    /// <summary>The most people read from a roster when looking for chosen leaders.</summary>
    public const int MaxRosterScan = 5_000;

    /// <summary>
    /// The team's channels and the first <see cref="MaxPeople"/> people; with <paramref name="wanted"/>, the roster is
    /// read further (up to <see cref="MaxRosterScan"/>) until each wanted person is found.
    /// </summary>
    public async Task<TeamChoices> ReadAsync(Installation team, IReadOnlyCollection<string> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(wanted);
        var teamId = team.TeamId ?? team.Key;
        var (channels, listed) = await ChannelsAsync(team, teamId, cancellationToken);

        var people = new List<TeamMember>();
        var found = new Dictionary<string, TeamMember>(StringComparer.Ordinal);
        var truncated = false;
        var read = true;
        try
        {
            var scanned = 0;
            await foreach (var member in messenger.ListMembersAsync(team.TenantId, team.ServiceUrl, teamId, cancellationToken))
            {
                scanned++;
                if (member.UserId.StartsWith("28:", StringComparison.Ordinal))
                {
                    continue;
                }

                if (wanted.Contains(member.UserId))
                {
                    found.TryAdd(member.UserId, member);
                }

                if (people.Count < MaxPeople)
                {
                    people.Add(member);
                }
                else
                {
                    truncated = true;
                }

                if (scanned >= MaxRosterScan || (truncated && found.Count >= wanted.Count))
                {
                    truncated = true;
                    break;
                }
            }
        }
        catch (InvalidOperationException exception)
        {
            read = false;
            SettingsLog.RosterUnreadable(logger);
            SettingsLog.ListingFailureDetail(logger, exception);
        }

        return new TeamChoices(channels, listed, people, read, truncated, found);
    }

    private async Task<(IReadOnlyList<TeamChannel> Channels, bool Listed)> ChannelsAsync(Installation team, string teamId, CancellationToken cancellationToken)
    {
        try
        {
            return (await messenger.ListChannelsAsync(team.TenantId, team.ServiceUrl, teamId, cancellationToken), true);
        }
        catch (InvalidOperationException exception)
        {
            SettingsLog.ChannelsUnreadable(logger);
            SettingsLog.ListingFailureDetail(logger, exception);
            var current = team.ChannelId ?? team.ConversationId;
            return ([new TeamChannel(current, current == teamId ? null : "Current channel")], false);
        }
    }
}
