namespace TrustBot.Core.Messaging;

/// <summary>How a send ended, after retries.</summary>
public enum DeliveryOutcome
{
    /// <summary>The Connector accepted the message.</summary>
    Delivered,
    /// <summary>The app was removed or the conversation no longer exists (403/404): stop sending there.</summary>
    RecipientGone,
    /// <summary>Still throttled after every retry: try again later.</summary>
    Throttled,
    /// <summary>Any other failure: try again later, then dead-letter (at once when <see cref="DeliveryResult.Final"/>).</summary>
    Failed,
}
