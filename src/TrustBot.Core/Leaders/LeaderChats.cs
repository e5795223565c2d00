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
            // Only the chat: a whole-row write from this copy would undo a zone or name stored since it was read.
            await leaders.SetChatAsync(leader.TenantId, leader.TeamKey, leader.UserId, address.ConversationId, cancellationToken);
            return (address, new DeliveryResult(DeliveryOutcome.Delivered));
        }

        if (opened.Outcome == DeliveryOutcome.RecipientGone)
        {
            await MarkUnreachableAsync(leader, cancellationToken);
        }

        return (null, new DeliveryResult(opened.Outcome, Detail: opened.Detail));
    }

    /// <summary>
    /// The chat on a route planned earlier, without reading the leader: the planned chat, or one opened now, of which
    /// only the id is stored (the leader may have changed meanwhile). Null with RecipientGone when Teams says the person
    /// cannot be reached (the leader is then marked unreachable, from a fresh read); null with Throttled/Failed when
    /// opening should be tried again later.
    /// </summary>
    public async Task<(ConversationAddress? Address, DeliveryResult Result)> EnsureAsync(LeaderChatRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.ChatConversationId is { } known)
        {
            return (new ConversationAddress(route.TenantId, route.ServiceUrl, known, route.BotId), new DeliveryResult(DeliveryOutcome.Delivered));
        }

        var opened = await messenger.OpenPersonalChatAsync(route.TenantId, route.ServiceUrl, route.BotId, route.UserId, cancellationToken);
        if (opened.Outcome == DeliveryOutcome.Delivered && opened.Address is { } address)
        {
            await leaders.SetChatAsync(route.TenantId, route.TeamKey, route.UserId, address.ConversationId, cancellationToken);
            return (address, new DeliveryResult(DeliveryOutcome.Delivered));
        }

        if (opened.Outcome == DeliveryOutcome.RecipientGone)
        {
            await MarkGoneAsync(route, cancellationToken);
        }

        return (null, new DeliveryResult(opened.Outcome, Detail: opened.Detail));
    }

    /// <summary>Marks the leader on <paramref name="route"/> unreachable, from a fresh read; nothing when they are gone.</summary>
    public async Task MarkGoneAsync(LeaderChatRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (await leaders.GetAsync(route.TenantId, route.TeamKey, route.UserId, cancellationToken) is { } current)
        {
            await MarkUnreachableAsync(current, cancellationToken);
        }
    }

    /// <summary>Records that a send to the leader's chat found them gone (app removed from their chat, account deleted).</summary>
    public Task MarkUnreachableAsync(Leader leader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        return leaders.UpdateAsync(leader with { Unreachable = true }, cancellationToken);
    }
}
