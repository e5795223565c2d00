using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using TrustBot.Storage.Delivery;
using TrustBot.Storage.SpeakUp;

namespace TrustBot.Storage.Retention;

/// <summary>
/// Deletes an erased team's messages from every queue the app uses: the note queue, its poison queue and the outbox.
/// </summary>
/// <remarks>
/// Queues cannot be filtered on the server, so each visible message is received, deleted when its <c>tenantId</c>
/// and <c>installationKey</c> are the team's, and otherwise released at once (visibility set back to zero, body
/// unchanged). A pass ends with a batch short of the maximum (every visible message was in it) or one that brings no
/// message it has not seen. Messages hidden at that moment (a note
/// still in its random delay, a scheduled send, one a worker holds) cannot be reached; for those the consumers do
/// the rest: the note worker drops a note whose team is gone, every send handler settles a send for a team that is
/// no longer active without sending, and every message expires a day after it falls due.
/// Receiving raises the other teams' messages' dequeue counts by one per erasure, well within the retry budgets.
/// </remarks>
internal sealed class TeamQueuePurger(NoteQueues notes, OutboxQueue outbox, ILogger<TeamQueuePurger> logger)
{
    // Only for as long as one batch takes to sort; other teams' messages are released long before it runs out.
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    /// <summary>Deletes the team's visible messages from every queue; returns how many.</summary>
    public async Task<int> PurgeAsync(string tenantId, string installationKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(installationKey);
        var deleted = 0;
        foreach (var queue in notes.All.Append(outbox.Client))
        {
            deleted += await PurgeQueueAsync(queue, tenantId, installationKey, cancellationToken);
        }

        if (deleted > 0)
        {
            logger.QueuedMessagesPurged(deleted);
        }

        return deleted;
    }

    private static async Task<int> PurgeQueueAsync(QueueClient queue, string tenantId, string installationKey, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            QueueMessage[] batch;
            try
            {
                batch = await queue.ReceiveMessagesAsync(QueueOutbox.MaxBatch, Hold, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Never created, so nothing was ever queued in it.
                return deleted;
            }

            var fresh = false;
            foreach (var message in batch)
            {
                fresh |= seen.Add(message.MessageId);
                if (BelongsTo(message.Body, tenantId, installationKey))
                {
                    await DeleteAsync(queue, message, cancellationToken);
                    deleted++;
                }
                else
                {
                    await ReleaseAsync(queue, message, cancellationToken);
                }
            }

            // A short batch was every visible message; otherwise stop once a batch holds only released ones again
            // (each extra receive raises their dequeue counts).
            if (batch.Length < QueueOutbox.MaxBatch || !fresh)
            {
                return deleted;
            }
        }
    }

    /// <summary>Both message kinds (pending notes, outbound sends) carry the team as tenantId and installationKey.</summary>
    internal static bool BelongsTo(BinaryData body, string tenantId, string installationKey)
    {
        try
        {
            using var json = JsonDocument.Parse(body.ToMemory());
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("tenantId", out var tenant) && tenant.ValueKind == JsonValueKind.String && tenant.GetString() == tenantId
                && root.TryGetProperty("installationKey", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() == installationKey;
        }
        catch (JsonException)
        {
            // Unreadable: its own consumer removes it; it names no team this purge could match.
            return false;
        }
    }

    private static async Task DeleteAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Taken and deleted by its consumer meanwhile, which drops an erased team's message anyway.
        }
    }

    private static async Task ReleaseAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // Visible again at once and otherwise untouched: another team's note or send is not held back.
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Its hold ran out and a consumer took it: it is in that consumer's hands already.
        }
    }
}
