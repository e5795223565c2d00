namespace TrustBot.Core.Delivery;

/// <summary>
/// Wakes this process's outbox worker when a send was queued that should go at once (a reply to a message), instead of
/// leaving it until the worker's next poll. A wake while the worker is busy is kept until it next waits.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
        }
    }

    /// <summary>Waits until <see cref="Wake"/> is called (or was since the last wait) or <paramref name="timeout"/> passes.</summary>
    /// <returns>True when woken, false when the time ran out.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Task wake;
        lock (_gate)
        {
            wake = _wake.Task;
        }

        bool woken;
        try
        {
            await wake.WaitAsync(timeout, timeProvider, cancellationToken);
            woken = true;
        }
        catch (TimeoutException)
        {
            woken = false;
        }

        lock (_gate)
        {
            // Consumed: the worker drains next, which finds whatever the wake announced.
            if (_wake.Task.IsCompleted)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return woken;
    }
}
