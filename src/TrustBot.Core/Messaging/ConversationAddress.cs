namespace TrustBot.Core.Messaging;

/// <summary>Where to send a message: SDK-neutral, stored as plain columns.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ServiceUrl">The Connector base URL, taken from a verified activity.</param>
/// <param name="ConversationId">The chat or channel.</param>
/// <param name="BotId">The bot's account id (<c>28:…</c>), when known.</param>
public sealed record ConversationAddress(string TenantId, string ServiceUrl, string ConversationId, string? BotId = null);
