namespace TrustBot.Core.Leaders;

/// <summary>
/// Where a leader's private chat is, as known when a send was planned: enough to post into it, or to open it, without
/// reading the leader again.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="TeamKey">The team the person leads.</param>
/// <param name="UserId">The leader's Teams user id.</param>
/// <param name="ServiceUrl">The service URL to reach the chat through.</param>
/// <param name="BotId">The bot's account id the chat is opened from.</param>
/// <param name="ChatConversationId">The chat, when it was open at planning time.</param>
public sealed record LeaderChatRoute(
    string TenantId, string TeamKey, string UserId, string ServiceUrl, string BotId, string? ChatConversationId)
{
    /// <summary>The route to <paramref name="leader"/>'s chat as the leader is now.</summary>
    public static LeaderChatRoute Of(Leader leader)
    {
        ArgumentNullException.ThrowIfNull(leader);
        return new LeaderChatRoute(leader.TenantId, leader.TeamKey, leader.UserId, leader.ServiceUrl, leader.BotId, leader.ChatConversationId);
    }
}
