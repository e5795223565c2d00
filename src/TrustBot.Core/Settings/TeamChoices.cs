using TrustBot.Core.Messaging;

namespace TrustBot.Core.Settings;

/// <summary>What Teams said a settings card may offer: the team's channels and (part of) its roster. Held in memory only.</summary>
/// <param name="Channels">The channels the bot can post into; when listing failed, only the current channel.</param>
/// <param name="ChannelsListed">False when Teams did not answer with the channel list.</param>
/// <param name="People">The first people on the roster (bots left out), for the leaders choice.</param>
/// <param name="RosterRead">False when the roster could not be read.</param>
/// <param name="RosterTruncated">True when the roster had more people than <paramref name="People"/>.</param>
/// <param name="Found">The wanted people found anywhere on the roster read, by Teams user id.</param>
public sealed record TeamChoices(
    IReadOnlyList<TeamChannel> Channels,
    bool ChannelsListed,
    IReadOnlyList<TeamMember> People,
    bool RosterRead,
    bool RosterTruncated,
    IReadOnlyDictionary<string, TeamMember> Found)
{
    /// <summary>The channel ids a submitted card may choose.</summary>
    public IReadOnlyCollection<string> ChannelIds => [.. Channels.Select(c => c.Id)];
}
