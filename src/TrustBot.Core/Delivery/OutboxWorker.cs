using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

/// <summary>
/// Drains the outbox: each message is sent once by the handler of its kind, unless its idempotency record says it
/// is settled already. Several workers (instances) may drain at once; the claim on the idempotency record keeps two of
/// them off one send while both hold a copy of it, and a copy that arrives after the send settled is only removed.
/// </summary>
/// <remarks>
/// Retries, one layer per hop: a Connector call is retried by the Connector's resilience pipeline only. This worker
/// tries a send again (its message comes back after the visibility timeout) only when that pipeline gave up on it
/// (still throttled, or a transient failure after its last retry) or when a storage call failed after the storage
/// client's own retries; a failure the pipeline treats as final (<see cref="DeliveryResult.Final"/>) is dead-lettered
/// at once, since trying the post again could post it twice.
/// </remarks>
public sealed class OutboxWorker(
    IOutbox outbox,
    IIdempotencyStore idempotency,
    IDeadLetterLog deadLetters,
    IServiceScopeFactory scopes,
    DeliveryInstance instance,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxWorker> logger)
{
    /// <summary>The most messages one receive returns.</summary>
    public const int BatchSize = 32;

    /// <summary>
    /// Receives a batch and handles its messages concurrently; returns how many were received. When
    /// <see cref="DeliveryOptions.Concurrency"/> leaves room for a whole further batch, the next batch is received as
    /// soon as that room is free, until a receive comes back empty. Cancelling only stops new messages from starting:
    /// a send under way finishes its send, completion record and removal.
    /// </summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        var settings = options.Value;
        var messages = await outbox.ReceiveAsync(BatchSize, settings.Visibility, cancellationToken);
        if (messages.Count == 0)
        {
            return 0;
        }

        using var gate = new SemaphoreSlim(settings.Concurrency);
        var running = new List<Task>(messages.Count);
        var received = messages.Count;
        var stopped = !await StartAsync(messages, gate, running, settings, cancellationToken);
        ExceptionDispatchInfo? receiveFailure = null;

        // Receiving the next batch only after this one's slowest send leaves the Connector idle between batches; with
        // room for a whole batch, keeping sends waiting on the rate limiter lets a large fan-out run at the limit.
        while (!stopped && settings.Concurrency >= BatchSize && await TryTakeAsync(gate, BatchSize, cancellationToken))
        {
            IReadOnlyList<OutboxMessage> more;
            try
            {
                more = await outbox.ReceiveAsync(BatchSize, settings.Visibility, cancellationToken);
            }
            catch (Exception exception)
            {
                // The sends already started still finish before the failure is reported.
                receiveFailure = ExceptionDispatchInfo.Capture(exception);
                break;
            }
            finally
            {
                gate.Release(BatchSize);
            }

            if (more.Count == 0)
            {
                break;
            }

            received += more.Count;
            stopped = !await StartAsync(more, gate, running, settings, cancellationToken);
        }

        await Task.WhenAll(running);
        receiveFailure?.Throw();
        return received;
    }

    // Starts each message once it has a slot; false when stopping cut the start short.
    private async Task<bool> StartAsync(
        IReadOnlyList<OutboxMessage> messages, SemaphoreSlim gate, List<Task> running, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Messages not started come back after their visibility timeout.
                return false;
            }

            running.Add(HandleGatedAsync(message, gate, settings, cancellationToken));
        }

        return true;
    }

    // Waits until count slots are free at once and holds them; false (holding none) when stopping.
    private static async Task<bool> TryTakeAsync(SemaphoreSlim gate, int count, CancellationToken cancellationToken)
    {
        for (var taken = 0; taken < count; taken++)
        {
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                if (taken > 0)
                {
                    gate.Release(taken);
                }

                return false;
            }
        }

        return true;
    }

    private async Task HandleGatedAsync(OutboxMessage message, SemaphoreSlim gate, DeliveryOptions settings, CancellationToken stopping)
    {
        try
        {
            // Yield first, so that the loop starts the next message while this one waits on storage.
            await Task.Yield();
            await HandleAsync(message, settings, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped before the send began; the message comes back.
        }
        catch (Exception exception)
        {
            DeliveryLog.MessageFailed(logger, exception.GetType().Name, exception);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task HandleAsync(OutboxMessage message, DeliveryOptions settings, CancellationToken stopping)
    {
        var key = message.Send.IdempotencyKey;
        // As long as the message stays hidden: past it, the copy comes back and its send must be free to take again.
        var claim = await idempotency.TryClaimAsync(key, instance.Id, timeProvider.GetUtcNow() + settings.Visibility, stopping);
        if (claim.SettledState is { } state)
        {
            DeliveryLog.SendAlreadySettled(logger, message.Send.Kind, state);
            await outbox.DeleteAsync(message, stopping);
            return;
        }

        if (!claim.IsClaimed)
        {
            // Another worker is sending this copy's twin; this copy reappears later and is then removed as settled.
            DeliveryLog.SendHeld(logger, message.Send.Kind);
            return;
        }

        // From here on the host's shutdown must not cut a send off from its completion record and removal, or the
        // message would come back and be sent twice; the section's own timeout (shorter than the visibility) bounds it.
        using var section = new CancellationTokenSource(settings.SendSectionTimeout, timeProvider);
        await SendAndSettleAsync(message, claim, settings, section.Token);
    }

    private async Task SendAndSettleAsync(OutboxMessage message, SendClaim claim, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        var send = message.Send;
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IOutboundHandler>()
            .FirstOrDefault(h => string.Equals(h.Kind, send.Kind, StringComparison.Ordinal));
        if (handler is null)
        {
            DeliveryLog.UnknownSendKind(logger, send.Kind);
            await DeadLetterAsync(message, "no handler for this kind", cancellationToken);
            return;
        }

        var result = await SendAsync(handler, send, cancellationToken);
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                // The completion record first: until it is written, a crash means the send is made again.
                await idempotency.CompleteAsync(send.IdempotencyKey, result.ActivityId, cancellationToken);
                await outbox.DeleteAsync(message, cancellationToken);
                DeliveryLog.SendSettled(logger, send.Kind, result.Outcome);
                break;

            case DeliveryOutcome.RecipientGone:
                // Nothing more can be done for this send; settling it keeps every later copy from trying again.
                await idempotency.CompleteAsync(send.IdempotencyKey, null, cancellationToken);
                await outbox.DeleteAsync(message, cancellationToken);
                DeliveryLog.SendSettled(logger, send.Kind, result.Outcome);
                break;

            default:
                if (result.Final || message.DequeueCount >= settings.MaxAttempts)
                {
                    await DeadLetterAsync(message, result.Detail ?? result.Outcome.ToString(), cancellationToken);
                }
                else
                {
                    // Left in the queue: it reappears after the visibility timeout, which spaces the attempts out, and
                    // finds its send free to take.
                    await ReleaseAsync(claim, cancellationToken);
                    DeliveryLog.SendWillRetry(logger, send.Kind, result.Outcome, message.DequeueCount, settings.MaxAttempts);
                }

                break;
        }
    }

    private async Task ReleaseAsync(SendClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await idempotency.ReleaseAsync(claim, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DeliveryLog.ReleaseFailed(logger, exception);
        }
    }

    private async Task<DeliveryResult> SendAsync(IOutboundHandler handler, OutboundSend send, CancellationToken cancellationToken)
    {
        try
        {
            return await handler.SendAsync(send, cancellationToken);
        }
        catch (Exception exception)
        {
            DeliveryLog.HandlerThrew(logger, send.Kind, exception.GetType().Name, exception);
            return new DeliveryResult(DeliveryOutcome.Failed, Detail: exception.GetType().Name);
        }
    }

    private async Task DeadLetterAsync(OutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        var send = message.Send;
        await idempotency.MarkDeadAsync(send.IdempotencyKey, reason, cancellationToken);
        await deadLetters.RecordAsync(send.IdempotencyKey, send.Kind, reason, cancellationToken);
        DeliveryLog.SendDeadLettered(logger, send.Kind, message.DequeueCount, reason);
        await outbox.DeleteAsync(message, cancellationToken);
    }
}
