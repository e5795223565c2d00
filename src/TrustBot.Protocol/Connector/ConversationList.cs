using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Connector;

/// <summary>A team's channels (<c>GET /v3/teams/{teamId}/conversations</c>).</summary>
public sealed class ConversationList
{
    /// <summary>The channels the bot can see; General has a null name.</summary>
    public IList<ChannelInfo> Conversations { get; set; } = [];
}
