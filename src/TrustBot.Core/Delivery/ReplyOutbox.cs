using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

/// <summary>
/// Queues the replies to one message in the outbox, so that the inbound request is answered as soon as they are
/// stored, and the outbox worker posts them at Teams' pace like every other send (<see cref="ReplySender"/>).
/// </summary>
/// <remarks>
/// One send holds all the replies of the message, in order (more than one only when they would not fit in a queue
/// message). Its idempotency key is derived from the activity id, so the same activity delivered again queues a twin
/// that the worker skips once the first is sent. A failure throws: the caller must then fail the request, so that
/// Teams delivers the message again, instead of acknowledging a reply that was never stored.
/// </remarks>
public sealed class ReplyOutbox(IOutbox outbox, ReplyLine line, OutboxSignal signal, ILogger<ReplyOutbox> logger)
{
    public async Task QueueAsync(ReplyTarget target, IReadOnlyList<ReplyMessage> replies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(replies);
        if (replies.Count == 0)
        {
            return;
        }

        var conversation = ReplyLine.ConversationOf(target.Address);
        var baseKey = KeyFor(target);
        var after = line.Unsettled(conversation);
        var chunks = ReplyBatch.Chunk(replies);
        for (var i = 0; i < chunks.Count; i++)
        {
            var key = i == 0 ? baseKey : baseKey + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

            // A repeat of an activity whose reply is still pending here must not wait for itself.
            var previous = after == key ? null : after;
            var batch = new ReplyBatch(target.Address, previous, chunks[i]);
            var send = new OutboundSend(key, OutboundKinds.Reply, target.Address.TenantId, target.InstallationKey, RecipientId: null, batch.ToJson());

            // Known before it is in the queue: a worker may take and send it before EnqueueAsync even returns.
            line.Queued(conversation, key);
            try
            {
                await outbox.EnqueueAsync(send, delay: null, cancellationToken);
            }
            catch
            {
                line.Withdraw(conversation, key, previous);
                throw;
            }

            after = key;
        }

        DeliveryLog.RepliesQueued(logger, replies.Count, chunks.Count);
        signal.Notify();
    }

    /// <summary>
    /// The idempotency key of the replies to <paramref name="target"/>'s activity. It names the tenant and the
    /// installation (so retention erases it with the team) and a digest of the conversation and activity id, which
    /// keeps it short and unique per message; an activity without an id gets a key of its own.
    /// </summary>
    public static string KeyFor(ReplyTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var activity = target.ActivityId ?? Guid.NewGuid().ToString("N");
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(target.Address.ConversationId + "\n" + activity));
        return $"{OutboundKinds.Reply}:{target.Address.TenantId}:{target.InstallationKey}:{Convert.ToHexStringLower(digest, 0, 16)}";
    }
}
