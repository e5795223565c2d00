using System.Text.Json;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;

namespace TrustBot.Storage.Delivery;

/// <summary>
/// The outbox on an Azure Storage queue. The queue, not this process, holds a delayed send back and brings a
/// received but undeleted message back after its visibility timeout, so a crash loses nothing. A send queued to go at
/// once wakes this process's idle worker (<see cref="OutboxSignal"/>).
/// </summary>
internal sealed class QueueOutbox(OutboxQueue queue, OutboxSignal signal, ILogger<QueueOutbox> logger) : IOutbox
{
    /// <summary>The queue service hides a message for less than seven days at most.</summary>
    internal static readonly TimeSpan LongestDelay = TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a send outlives the moment it falls due. Sends name teams and leaders and may carry note text, so
    /// one the workers have not taken within a day expires (the time-to-live counts from the send, so the delay is
    /// added); the scheduler plans the next occurrence anyway.
    /// </summary>
    internal static readonly TimeSpan LifeAfterDue = TimeSpan.FromDays(1);

    /// <summary>The most messages one receive call may return.</summary>
    internal const int MaxBatch = 32;

    public async Task EnqueueAsync(OutboundSend send, TimeSpan? delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var body = JsonSerializer.Serialize(send, OutboxJsonContext.Default.OutboundSend);
        var hiddenFor = Clamp(delay ?? TimeSpan.Zero);
        await queue.Client.SendMessageAsync(body, hiddenFor, hiddenFor + LifeAfterDue, cancellationToken);
        logger.SendQueued(send.Kind);
        if (hiddenFor == TimeSpan.Zero)
        {
            signal.Notify();
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxBatch);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(visibility, TimeSpan.Zero);

        QueueMessage[] received = await queue.Client.ReceiveMessagesAsync(max, visibility, cancellationToken);
        var messages = new List<OutboxMessage>(received.Length);
        foreach (var message in received)
        {
            var send = TryRead(message);
            if (send is null)
            {
                // Retrying cannot make an unreadable body readable; left in place it would come back forever.
                logger.UnreadableSendRemoved(message.DequeueCount);
                await DeleteIfPresentAsync(message.MessageId, message.PopReceipt, cancellationToken);
                continue;
            }

            messages.Add(new OutboxMessage(send, message.MessageId, message.PopReceipt, message.DequeueCount));
        }

        return messages;
    }

    public async Task DeleteAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await DeleteIfPresentAsync(message.MessageId, message.PopReceipt, cancellationToken))
        {
            logger.SendDeleted(message.Send.Kind);
        }
    }

    internal static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > LongestDelay ? LongestDelay : delay;

    private async Task<bool> DeleteIfPresentAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await queue.Client.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 404 || exception.ErrorCode == "PopReceiptMismatch")
        {
            // Gone, or received again since (a new pop receipt): the later receiver owns it now.
            logger.SendAlreadyGone();
            return false;
        }
    }

    private static OutboundSend? TryRead(QueueMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Body.ToMemory().Span, OutboxJsonContext.Default.OutboundSend);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
