namespace TrustBot.Core.Delivery;

/// <summary>
/// Tells this process's idle outbox worker that a send was just queued, so it drains at once instead of at its next
/// poll. Other instances still find the send at their own poll; this only saves the local wait, which for a scheduled
/// fan-out is most of the delay before its first post.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    // At most one pending wake-up: any number of sends queued while the worker was busy need one drain, not many.
    private readonly SemaphoreSlim _queued = new(0, 1);

    /// <summary>A send became visible in the outbox.</summary>
    public void Notify()
    {
        try
        {
            _queued.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending.
        }
        catch (ObjectDisposedException)
        {
            // The host is shutting down: its worker is gone, and the send waits in the queue for another instance.
        }
    }

    /// <summary>
    /// Waits until <see cref="Notify"/> was called (since the last wait) or <paramref name="timeout"/> passed on
    /// <paramref name="timeProvider"/>'s clock, whichever comes first.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queued = _queued.WaitAsync(either.Token);
        var elapsed = Task.Delay(timeout, timeProvider, either.Token);
        await Task.WhenAny(queued, elapsed);
        // The loser is cancelled: a wait on the signal that lost to the clock must not swallow the next wake-up.
        await either.CancelAsync();
        await Task.WhenAll(queued, elapsed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose() => _queued.Dispose();
}
