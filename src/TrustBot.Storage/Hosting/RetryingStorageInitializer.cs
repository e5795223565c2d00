using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Hosting;

/// <summary>
/// Creates storage resources at start: once in the foreground (so a healthy start is ready at once), then, if that
/// failed, again and again in the background with back-off until it succeeds. Until then the host runs and
/// <see cref="StorageInitialization"/> keeps readiness Unhealthy; role assignments that are still propagating are
/// the usual cause, and they fix themselves.
/// </summary>
internal abstract class RetryingStorageInitializer(StorageInitialization tracker, TimeProvider time, ILogger logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;
    private bool _disposed;

    /// <summary>What is created, for logs and readiness ("tables", "outbox queue").</summary>
    protected abstract string What { get; }

    protected abstract Task CreateAsync(CancellationToken cancellationToken);

    protected abstract void LogReady();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        tracker.Begin(What);
        if (!await TryCreateAsync(FirstDelay, cancellationToken))
        {
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host that is torn down may dispose its services before it stops them.
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        var delay = FirstDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            if (await TryCreateAsync(delay, stopping))
            {
                return;
            }
        }
    }

    private async Task<bool> TryCreateAsync(TimeSpan nextDelay, CancellationToken cancellationToken)
    {
        try
        {
            await CreateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the exception's type: the SDK's message carries request URIs, which may carry a SAS.
            logger.StorageInitializationRetrying(What, exception.GetType().Name, nextDelay);
            return false;
        }

        tracker.Complete(What);
        LogReady();
        return true;
    }
}
