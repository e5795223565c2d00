using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;
using TrustBot.Core.Scheduling;

namespace TrustBot.Web.Hosting;

/// <summary>
/// Runs a scheduler tick every <see cref="DeliveryOptions.PollInterval"/>, and at once again after a tick that took a
/// whole batch (more may be due: a fan-out of 500 nudges is five batches, not five intervals); a failed tick is logged
/// and the next one retries. Before a tick it lets the <see cref="ServiceJobSeeder"/> give the service-wide jobs their
/// entries (at the first tick that reaches storage, and hourly after).
/// </summary>
internal sealed class SchedulerService(
    ServiceJobSeeder seeder,
    SchedulerTick tick,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<SchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        HostingLog.LoopStarted(logger, "scheduler", interval);
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await seeder.SeedIfDueAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Storage may not be ready yet at start; the next tick seeds again, and the tick itself still runs.
                    HostingLog.SeedingFailed(logger, exception);
                }

                try
                {
                    while (await tick.RunDueAsync(stoppingToken) >= options.Value.TickBatch)
                    {
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    HostingLog.SchedulerTickFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the tick had not claimed stays due for the next instance to start.
        }
    }
}
