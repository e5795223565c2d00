namespace TrustBot.Core.Delivery;

/// <summary>
/// Queues a send once per idempotency key from work that is not a scheduler occurrence (a ballot fold, say): the same
/// begin-then-queue step the scheduler tick takes for the sends of an occurrence, so a send queued here is paced,
/// retried and made once like every other.
/// </summary>
public sealed class OutboxSends(IIdempotencyStore idempotency, IOutbox outbox)
{
    /// <summary>Queues <paramref name="send"/> unless its key was begun before and has settled; false when it was not queued.</summary>
    public async Task<bool> QueueOnceAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (!await idempotency.TryBeginAsync(send.IdempotencyKey, cancellationToken))
        {
            // Begun before: sent or given up (nothing to do), or begun by a caller that died before it queued. A pending
            // send queued twice is harmless: the worker sends one copy and skips the other as done.
            var record = await idempotency.GetAsync(send.IdempotencyKey, cancellationToken);
            if (record is not null && record.State != IdempotencyStates.Pending)
            {
                return false;
            }
        }

        await outbox.EnqueueAsync(send, delay: null, cancellationToken);
        return true;
    }
}
