namespace TrustBot.Core.Delivery;

/// <summary>A received outbox message: hidden from other receivers until its visibility timeout passes or it is deleted.</summary>
/// <param name="Send">What to send.</param>
/// <param name="MessageId">The queue's id of the message.</param>
/// <param name="PopReceipt">Proof of this receive; deleting needs it, and a later receive replaces it.</param>
/// <param name="DequeueCount">How many times the message has been received, this time included.</param>
public sealed record OutboxMessage(OutboundSend Send, string MessageId, string PopReceipt, long DequeueCount);
