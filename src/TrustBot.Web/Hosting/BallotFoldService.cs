using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;

namespace TrustBot.Web.Hosting;

/// <summary>
/// Runs a fold just after every fold time (<see cref="FoldClock"/>): the moment the ballots hidden until then become
/// visible, so they are readable for as short a time as possible. A failed fold is logged; the next one retries.
/// The one later-work loop outside the timetable: see the README's "How to add a job" for why.
/// </summary>
internal sealed class BallotFoldService(
    BallotFoldJob folds,
    IOptions<FoldOptions> options,
    TimeProvider timeProvider,
    ILogger<BallotFoldService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.FoldInterval;
        var delay = options.Value.FoldDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = timeProvider.GetUtcNow();
                var foldTime = FoldClock.NextFold(now, interval);
                await Task.Delay(foldTime + delay - now, timeProvider, stoppingToken);
                try
                {
                    await folds.RunAsync(foldTime, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    HostingLog.FoldFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: waiting ballots stay hidden in their queue and the next fold, here or elsewhere, takes them.
        }
    }
}
