using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

/// <summary>
/// Posts the replies of one message for the outbox worker, in order, into the conversation the message came from,
/// through the paced Connector like every other send. It first lets the reply to an earlier message of the same
/// conversation go first (<see cref="ReplyBatch.After"/>), waiting at most <see cref="OrderWait"/>.
/// </summary>
/// <remarks>
/// When a send holds several replies, each one but the last is recorded done (<c>key#n</c>) as soon as Teams accepted
/// it, so a retry after a later one failed resumes behind it instead of posting it twice; the worker records the last.
/// </remarks>
public sealed class ReplySender(
    IBotMessenger messenger,
    IIdempotencyStore idempotency,
    ReplyLine line,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<ReplySender> logger) : IOutboundHandler
{
    /// <summary>The longest a reply waits for the one before it (less, when a send's section is short).</summary>
    public static readonly TimeSpan MaxOrderWait = TimeSpan.FromSeconds(10);

    // A predecessor pending here settles through the line; storage is asked only this often, in case another instance took it.
    private static readonly TimeSpan LocalStep = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StoreStep = TimeSpan.FromMilliseconds(250);

    public string Kind => OutboundKinds.Reply;

    /// <summary>
    /// How long a reply waits for the one before it: <see cref="MaxOrderWait"/>, or a third of the send section, so the
    /// send itself still fits in the section after a full wait.
    /// </summary>
    public TimeSpan OrderWait => TimeSpan.FromTicks(Math.Min(MaxOrderWait.Ticks, options.Value.SendSectionTimeout.Ticks / 3));

    /// <summary>The record of the <paramref name="index"/>-th reply of the send <paramref name="key"/>, once Teams accepted it.</summary>
    public static string PartKey(string key, int index) => key + "#" + index.ToString(CultureInfo.InvariantCulture);

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        try
        {
            var batch = ReplyBatch.Parse(send.PayloadJson);
            if (batch is null || batch.Replies.Count == 0)
            {
                // Retrying cannot make it readable; the worker dead-letters it after its attempts, where operators see it.
                DeliveryLog.ReplyUnreadable(logger);
                return new DeliveryResult(DeliveryOutcome.Failed, Detail: "unreadable reply");
            }

            await WaitForTurnAsync(batch.After, cancellationToken);
            var result = new DeliveryResult(DeliveryOutcome.Delivered);
            var last = batch.Replies.Count - 1;
            for (var i = await FirstUnsentAsync(send.IdempotencyKey, last, cancellationToken); i <= last; i++)
            {
                result = await batch.Replies[i].SendAsync(messenger, batch.Address, cancellationToken);
                if (!result.IsDelivered)
                {
                    DeliveryLog.ReplyNotDelivered(logger, result.Outcome);
                    return result;
                }

                if (i < last)
                {
                    await idempotency.CompleteAsync(PartKey(send.IdempotencyKey, i), result.ActivityId, cancellationToken);
                }
            }

            return result;
        }
        finally
        {
            // Whatever the outcome, a later reply need not wait any more: a failed one is retried after the visibility
            // timeout, and holding the conversation's next answers back that long would be worse than the reorder.
            line.Settled(send.IdempotencyKey);
        }
    }

    private async Task WaitForTurnAsync(string? after, CancellationToken cancellationToken)
    {
        if (after is null)
        {
            return;
        }

        var deadline = timeProvider.GetUtcNow() + OrderWait;
        var askStore = line.StateOf(after) != ReplyState.Pending;
        while (true)
        {
            var state = line.StateOf(after);
            if (state == ReplyState.Settled)
            {
                return;
            }

            if (askStore && await idempotency.GetAsync(after, cancellationToken) is { State: IdempotencyStates.Done or IdempotencyStates.Dead })
            {
                return;
            }

            var left = deadline - timeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                DeliveryLog.ReplyOrderWaitExpired(logger, OrderWait);
                return;
            }

            if (state == ReplyState.Pending)
            {
                // Sent by this process: its sender wakes us. After a step without that, another instance may hold it.
                await line.WaitSettledAsync(after, Min(left, LocalStep), cancellationToken);
            }
            else
            {
                await Task.Delay(Min(left, StoreStep), timeProvider, cancellationToken);
            }

            askStore = true;
        }
    }

    // The first reply of a multi-reply send that Teams has not accepted yet; a single reply has nothing to look up.
    private async Task<int> FirstUnsentAsync(string key, int last, CancellationToken cancellationToken)
    {
        for (var i = 0; i < last; i++)
        {
            if (await idempotency.GetAsync(PartKey(key, i), cancellationToken) is not { State: IdempotencyStates.Done })
            {
                return i;
            }
        }

        return last;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
