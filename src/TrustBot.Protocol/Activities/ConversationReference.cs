namespace TrustBot.Protocol.Activities;

/// <summary>What is needed to continue a conversation later (the Bot Framework vocabulary).</summary>
public sealed class ConversationReference
{
    /// <summary>The activity this reference was taken from.</summary>
    public string? ActivityId { get; set; }

    /// <summary>The user in the conversation.</summary>
    public ChannelAccount? User { get; set; }

    /// <summary>The bot.</summary>
    public ChannelAccount? Bot { get; set; }

    /// <summary>The conversation.</summary>
    public ConversationAccount? Conversation { get; set; }

    /// <summary>The channel, <c>msteams</c>.</summary>
    public string? ChannelId { get; set; }

    /// <summary>The Connector base URL.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The locale.</summary>
    public string? Locale { get; set; }
}
