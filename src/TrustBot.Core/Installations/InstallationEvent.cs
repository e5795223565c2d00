using TrustBot.Core.Messaging;

namespace TrustBot.Core.Installations;

/// <summary>An install, upgrade or removal, built by the host from a verified Teams activity.</summary>
public sealed record InstallationEvent
{
    public required string TenantId { get; init; }

    public required ConversationKind Kind { get; init; }

    /// <summary>
    /// The conversation to post into: the chat, or for a team the chosen channel
    /// (<c>settings.selectedChannel</c>, else the event's channel, else the team id, which is the General channel).
    /// </summary>
    public required string ConversationId { get; init; }

    /// <summary>The team id, for <see cref="ConversationKind.Channel"/>; it keys the installation.</summary>
    public string? TeamId { get; init; }

    public string? TeamName { get; init; }

    /// <summary>The channel the activity came from (<c>channelData.channel.id</c>), when there is one.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The Connector base URL of the verified activity.</summary>
    public required string ServiceUrl { get; init; }

    /// <summary>The bot's own account id (<c>28:…</c>).</summary>
    public required string BotId { get; init; }

    /// <summary>The Entra object id of the person who installed, upgraded or removed the app.</summary>
    public string? ActorAadObjectId { get; init; }

    /// <summary>The Teams user id (<c>29:…</c>) of that person, when the activity carries it.</summary>
    public string? ActorId { get; init; }

    /// <summary>That person's display name; never logged.</summary>
    public string? ActorName { get; init; }

    /// <summary>The IANA time zone of that person's Teams client, when it said.</summary>
    public string? ActorTimeZone { get; init; }

    public required InstallationChange Change { get; init; }

    /// <summary>The installation key: the team id for a team, else the conversation id.</summary>
    public string Key => Kind == ConversationKind.Channel && !string.IsNullOrEmpty(TeamId) ? TeamId : ConversationId;
}
