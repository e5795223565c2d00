namespace TrustBot.Core.Messaging;

/// <summary>The outcome of one send, with the id of the posted message when there is one.</summary>
/// <param name="Outcome">How the send ended.</param>
/// <param name="ActivityId">The id of the posted or updated message, for later updates.</param>
/// <param name="Detail">A short reason on failure (status and error code), never message content.</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? ActivityId = null, string? Detail = null)
{
    public bool IsDelivered => Outcome == DeliveryOutcome.Delivered;

    /// <summary>
    /// A failure that trying again cannot mend, or that a repeat would turn into a second post: the Connector answered
    /// with a status its retry pipeline does not retry, or a success answer could not be read. The outbox gives such
    /// a send up at once instead of sending it again; every other failure was retried by the pipeline until it gave up.
    /// </summary>
    public bool Final { get; init; }
}
