using TrustBot.Core.Messaging;

namespace TrustBot.Core.Leaders;

/// <summary>Opens leaders' private chats on demand and remembers them, or remembers that a leader can no longer be reached.</summary>
public sealed class LeaderChats(ILeaderStore leaders, IBotMessenger messenger)
{
    /// <summary>
    /// The leader's chat address, opening the chat when it was never opened. Null with RecipientGone when Teams says the
    /// person cannot be reached (the leader is then marked unreachable and never tried again); null with
    /// Throttled/Failed when opening should be tried again later.
    /// </summary>
    public async Task<(ConversationAddress? Address, DeliveryResult Result)> EnsureAsync(Leader leader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        if (leader.Unreachable)
        {
            return (null, new DeliveryResult(DeliveryOutcome.RecipientGone, Detail: "leader unreachable"));
        }

        if (leader.ChatAddress is { } known)
        {
            return (known, new DeliveryResult(DeliveryOutcome.Delivered));
        }

        var opened = await messenger.OpenPersonalChatAsync(leader.TenantId, leader.ServiceUrl, leader.BotId, leader.UserId, cancellationToken);
        if (opened.Outcome == DeliveryOutcome.Delivered && opened.Address is { } address)
        {
            await leaders.UpdateAsync(leader with { ChatConversationId = address.ConversationId }, cancellationToken);
            return (address, new DeliveryResult(DeliveryOutcome.Delivered));
        }

        if (opened.Outcome == DeliveryOutcome.RecipientGone)
        {
            await MarkUnreachableAsync(leader, cancellationToken);
        }

        return (null, new DeliveryResult(opened.Outcome, Detail: opened.Detail));
    }

    /// <summary>Records that a send to the leader's chat found them gone (app removed from their chat, account deleted).</summary>
    public Task MarkUnreachableAsync(Leader leader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        return leaders.UpdateAsync(leader with { Unreachable = true }, cancellationToken);
    }
}
