namespace TrustBot.Core.Delivery;

/// <summary>
/// Performs the sends of one <see cref="OutboundSend.Kind"/> for the outbox worker. Register implementations in DI as
/// <see cref="IOutboundHandler"/>.
/// </summary>
/// <remarks>
/// The worker has already checked that the send is not done and holds its claim, so a handler only sends. Return
/// Delivered (with the posted id) when the effect is visible, or when there is nothing left to do (for example the
/// team removed the app); RecipientGone when the target can no longer be reached (the handler records that, and the
/// worker does not retry); Throttled or Failed to have the worker retry later and, after its last attempt, dead-letter.
/// </remarks>
public interface IOutboundHandler
{
    /// <summary>The kind handled, one of <see cref="OutboundKinds"/>.</summary>
    string Kind { get; }

    Task<Messaging.DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken);
}
