namespace TrustBot.Core.Messaging;

/// <summary>The outcome of one send, with the id of the posted message when there is one.</summary>
/// <param name="Outcome">How the send ended.</param>
/// <param name="ActivityId">The id of the posted or updated message, for later updates.</param>
/// <param name="Detail">A short reason on failure (status and error code), never message content.</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? ActivityId = null, string? Detail = null)
{
    public bool IsDelivered => Outcome == DeliveryOutcome.Delivered;
}
