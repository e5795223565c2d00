namespace TrustBot.Core.Delivery;

/// <summary>
/// The durable queue of sends, delivered at least once: a message received and not deleted before its visibility
/// timeout comes back (with a higher <see cref="OutboxMessage.DequeueCount"/>). Pair it with
/// <see cref="IIdempotencyStore"/> for an exactly-once visible effect.
/// </summary>
public interface IOutbox
{
    /// <summary>Queues <paramref name="send"/>, invisible to receivers for <paramref name="delay"/> (at most about seven days).</summary>
    Task EnqueueAsync(OutboundSend send, TimeSpan? delay, CancellationToken cancellationToken);

    /// <summary>
    /// Receives up to <paramref name="max"/> (1–32) visible messages and hides them for <paramref name="visibility"/>.
    /// Messages that cannot be read as an <see cref="OutboundSend"/> are removed and logged, never returned.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken);

    /// <summary>Removes a handled message; a no-op when it is already gone or was received again since.</summary>
    Task DeleteAsync(OutboxMessage message, CancellationToken cancellationToken);
}
