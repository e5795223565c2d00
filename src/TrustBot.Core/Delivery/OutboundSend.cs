namespace TrustBot.Core.Delivery;

/// <summary>One message the bot is to send, as it travels through the outbox queue.</summary>
/// <param name="IdempotencyKey">The occurrence's key in <see cref="IIdempotencyStore"/>.</param>
/// <param name="Kind">What is sent: one of <see cref="OutboundKinds"/>.</param>
/// <param name="TenantId">The tenant of the target installation.</param>
/// <param name="InstallationKey">The installation (team or conversation) to send to.</param>
/// <param name="RecipientId">A single recipient for a personal message; null for the installation's own conversation.</param>
/// <param name="PayloadJson">The kind-specific content, as JSON.</param>
public sealed record OutboundSend(
    string IdempotencyKey,
    string Kind,
    string TenantId,
    string InstallationKey,
    string? RecipientId,
    string PayloadJson);
