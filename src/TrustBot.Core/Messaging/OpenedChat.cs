namespace TrustBot.Core.Messaging;

/// <summary>The outcome of opening a person's private chat with the bot.</summary>
/// <param name="Outcome">Delivered when the chat exists; RecipientGone when the person cannot be reached any more.</param>
/// <param name="Address">The chat, when opened.</param>
/// <param name="Detail">A short reason on failure (status and error code).</param>
public sealed record OpenedChat(DeliveryOutcome Outcome, ConversationAddress? Address, string? Detail = null);
