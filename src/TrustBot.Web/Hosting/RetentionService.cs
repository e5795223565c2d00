using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;
using TrustBot.Core.Retention;

namespace TrustBot.Web.Hosting;

/// <summary>
/// Runs the <see cref="RetentionSweep"/> every <see cref="RetentionOptions.SweepInterval"/>, on one host instance per
/// interval: the instance that takes the <see cref="LeaseResource"/> lease sweeps and keeps the lease for most of
/// the interval, so the others' ticks in that interval find it held. A failed sweep is logged, and the next interval
/// (here or elsewhere) tries again.
/// </summary>
internal sealed class RetentionService(
    RetentionSweep sweep,
    ILeaseStore leases,
    DeliveryInstance instance,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionService> logger) : BackgroundService
{
    public const string LeaseResource = "retention:sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        RetentionHostingLog.LoopStarted(logger, interval);
        // The first sweep waits one interval: restarts and deployments do not each start a sweep, and the data a
        // sweep deletes has been waiting months, so an interval more changes nothing.
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepOnceAsync(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: an interrupted sweep is finished by the next one, as every deletion is safe to repeat.
        }
    }

    private async Task SweepOnceAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            // A tenth short of the interval, so that this instance's own next tick, a little late, finds it expired.
            var lease = await leases.TryAcquireAsync(LeaseResource, instance.Id, interval - (interval / 10), stoppingToken);
            if (lease is null)
            {
                RetentionHostingLog.SweepHeldElsewhere(logger);
                return;
            }

            // Not released when done: holding it out is what keeps the other instances from sweeping again this interval.
            var result = await sweep.RunAsync(stoppingToken);
            RetentionHostingLog.SweepCompleted(logger, result.NotesDeleted, result.TeamsErased, result.TeamsFailed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            RetentionHostingLog.SweepFailed(logger, exception);
        }
    }
}
