using Microsoft.Extensions.Options;
using TrustBot.Core.CheckIns;

namespace TrustBot.Web.Hosting;

/// <summary>Closes due check-ins on a timer; one failed tick is logged and the next one tries again.</summary>
internal sealed class CheckInClosingService(
    CheckInCloser closer,
    IOptions<CheckInOptions> options,
    TimeProvider timeProvider,
    ILogger<CheckInClosingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CloseInterval, timeProvider);
        do
        {
            try
            {
                await closer.CloseDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                WebLog.ClosingTickFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
