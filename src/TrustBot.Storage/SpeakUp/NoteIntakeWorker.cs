using System.Text.Json;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// Moves notes whose random delay has passed from the queue into storage. A message is deleted only after its note
/// was stored, and storing is an upsert keyed by the note id, so a crash between the two makes the message reappear
/// and be stored once more onto the same row: never lost, never doubled. Several instances may run side by side.
/// A note whose team was erased while it waited in the queue is deleted unstored: the erasure could not reach it.
/// </summary>
internal sealed class NoteIntakeWorker(
    NoteQueues queues,
    ISpeakUpStore store,
    IInstallationStore installations,
    IOptions<NoteIntakeOptions> options,
    TimeProvider timeProvider,
    ILogger<NoteIntakeWorker> logger) : BackgroundService
{
    // A poisoned note still holds its text: it may not outlive a day, the longest any queued message lives.
    internal static readonly TimeSpan PoisonTimeToLive = TimeSpan.FromDays(1);

    private readonly NoteIntakeOptions _options = options.Value;

    private enum Outcome
    {
        Stored,
        Dropped,
        Poisoned,
        Failed,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var stored = await DrainOnceAsync(stoppingToken);
                if (stored > 0)
                {
                    logger.NotesStored(stored);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong, the messages are still queued; the next tick tries again.
                logger.DrainFailed(exception.GetType().Name, StatusOf(exception));
                logger.IntakeFailureDetail(exception);
            }
        }
    }

    /// <summary>
    /// One pass: receives batches until the queue has no visible note left or a note could not be stored (then storage
    /// is likely unavailable and the next tick retries). Returns how many notes were stored.
    /// </summary>
    internal async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var stored = 0;
        while (true)
        {
            QueueMessage[] batch = await queues.Main.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, cancellationToken);
            var failed = false;
            foreach (var message in batch)
            {
                switch (await HandleAsync(message, cancellationToken))
                {
                    case Outcome.Stored:
                        stored++;
                        break;
                    case Outcome.Failed:
                        failed = true;
                        break;
                }
            }

            if (failed || batch.Length < _options.BatchSize)
            {
                return stored;
            }
        }
    }

    private async Task<Outcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (!TryRead(message.Body, out var pending))
        {
            await PoisonAsync(message, "the message is not a readable pending note", cancellationToken);
            return Outcome.Poisoned;
        }

        if (message.DequeueCount > _options.MaxDequeueCount)
        {
            await PoisonAsync(message, $"received {message.DequeueCount} times without being stored", cancellationToken);
            return Outcome.Poisoned;
        }

        try
        {
            // Gone means erased (a removed team keeps its row through its grace period): its note must not come back.
            if (await installations.GetAsync(pending.TenantId, pending.InstallationKey, cancellationToken) is null)
            {
                await DeleteAsync(message, cancellationToken);
                logger.NoteOfErasedTeamDropped();
                return Outcome.Dropped;
            }

            var note = new Note(
                pending.TenantId, pending.InstallationKey, pending.SessionId, pending.NoteId, pending.Text, timeProvider.GetUtcNow());
            await store.SaveNoteAsync(note, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The message stays hidden until its visibility timeout passes, then comes back with a higher dequeue count.
            logger.NoteSaveFailed(exception.GetType().Name, StatusOf(exception));
            logger.IntakeFailureDetail(exception);
            return Outcome.Failed;
        }

        await DeleteAsync(message, cancellationToken);
        return Outcome.Stored;
    }

    private async Task PoisonAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        // Copy first, delete second: a crash in between leaves the note in both queues, never in neither.
        await queues.Poison.SendMessageAsync(message.Body, visibilityTimeout: null, PoisonTimeToLive, cancellationToken);
        await DeleteAsync(message, cancellationToken);
        logger.NotePoisoned(reason);
    }

    private async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queues.Main.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The visibility timeout ran out and another pass took the message; its upsert lands on the same row.
        }
    }

    private static bool TryRead(BinaryData body, out PendingNote note)
    {
        try
        {
            note = JsonSerializer.Deserialize(body.ToMemory().Span, SpeakUpQueueJsonContext.Default.PendingNote)!;
        }
        catch (JsonException)
        {
            note = null!;
            return false;
        }

        return note is not null &&
            !string.IsNullOrWhiteSpace(note.TenantId) &&
            !string.IsNullOrWhiteSpace(note.InstallationKey) &&
            !string.IsNullOrWhiteSpace(note.SessionId) &&
            !string.IsNullOrWhiteSpace(note.NoteId);
    }

    private static int StatusOf(Exception exception) => exception is RequestFailedException failed ? failed.Status : 0;
}
