using System.Text.Json.Nodes;

namespace TrustBot.Core.Messaging;

/// <summary>The port through which Core talks to people; implemented over the Bot Connector by the host.</summary>
public interface IBotMessenger
{
    /// <summary>Posts an Adaptive Card (1.5) as a new message.</summary>
    Task<DeliveryResult> SendCardAsync(ConversationAddress address, JsonObject card, string summary, CancellationToken cancellationToken);

    /// <summary>Posts a plain (markdown) text message.</summary>
    Task<DeliveryResult> SendTextAsync(ConversationAddress address, string text, CancellationToken cancellationToken);

    /// <summary>Replaces a card posted earlier.</summary>
    Task<DeliveryResult> UpdateCardAsync(ConversationAddress address, string activityId, JsonObject card, string summary, CancellationToken cancellationToken);

    /// <summary>Opens (or finds) the 1:1 chat between the bot and <paramref name="userId"/> (<c>29:…</c>) — proactive, no message needed.</summary>
    Task<OpenedChat> OpenPersonalChatAsync(string tenantId, string serviceUrl, string botId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// The people of a team (or chat) of <paramref name="tenantId"/>, page by page; <paramref name="conversationId"/> is
    /// the team id for a team. Throws <see cref="InvalidOperationException"/> when the roster cannot be read.
    /// </summary>
    /// <remarks>The tenant is passed because Teams counts every call against the app's rate limit in that tenant.</remarks>
    IAsyncEnumerable<TeamMember> ListMembersAsync(string tenantId, string serviceUrl, string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// The channels of a team (<paramref name="teamId"/>) of <paramref name="tenantId"/> that the bot can post into.
    /// Throws <see cref="InvalidOperationException"/> when Teams does not answer with the list.
    /// </summary>
    Task<IReadOnlyList<TeamChannel>> ListChannelsAsync(string tenantId, string serviceUrl, string teamId, CancellationToken cancellationToken);
}
