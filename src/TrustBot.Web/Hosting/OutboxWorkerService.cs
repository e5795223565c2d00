using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;

namespace TrustBot.Web.Hosting;

/// <summary>
/// Drains the outbox batch after batch while it has messages, and waits <see cref="DeliveryOptions.PollInterval"/>
/// when it is empty, or less when this process queues a send meanwhile (<see cref="OutboxSignal"/>). Stopping lets the
/// sends under way finish (the worker bounds them) and starts no new ones.
/// </summary>
internal sealed class OutboxWorkerService(
    OutboxWorker worker,
    OutboxSignal queued,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxWorkerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        HostingLog.LoopStarted(logger, "outbox worker", interval);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var handled = 0;
                try
                {
                    handled = await worker.DrainOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    HostingLog.OutboxDrainFailed(logger, exception);
                }

                if (handled == 0)
                {
                    await queued.WaitAsync(interval, timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: messages not started come back after their visibility timeout.
        }
    }
}
