using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Connector;

/// <summary>The body of <c>POST /v3/conversations</c>: a 1:1 chat with one user, or a new thread in a channel.</summary>
public sealed class ConversationParameters
{
    /// <summary>False for a personal chat, true for a channel thread.</summary>
    public bool IsGroup { get; set; }

    /// <summary>The bot (<c>28:&lt;appId&gt;</c>); optional, the Connector infers it from the token.</summary>
    public ChannelAccount? Bot { get; set; }

    /// <summary>Exactly one user for a personal chat; none for a channel thread.</summary>
    public IList<ChannelAccount>? Members { get; set; }

    /// <summary>The topic of the conversation, where the channel supports one.</summary>
    public string? TopicName { get; set; }

    /// <summary>The tenant; Teams rejects a create without it.</summary>
    public string? TenantId { get; set; }

    /// <summary>The first message; mandatory for a channel thread, optional for a personal chat.</summary>
    public Activity? Activity { get; set; }

    /// <summary>Teams data: <c>tenant.id</c> for a personal chat, <c>channel.id</c> for a channel thread.</summary>
    public TeamsChannelData? ChannelData { get; set; }
}
