using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

/// <summary>What a launcher posted (null when nothing is live) and how its send ended, for the outbox worker to act on.</summary>
/// <param name="Item">The posted check-in or prompt, or null when it was not posted.</param>
/// <param name="Delivery">The outcome of the post.</param>
public sealed record Launched<T>(T? Item, DeliveryResult Delivery)
    where T : class
{
    /// <summary>The one still open that kept a new one from opening; nothing was posted, and there is nothing to retry.</summary>
    public T? AlreadyOpen { get; init; }
}
