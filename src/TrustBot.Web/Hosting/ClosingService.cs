using Microsoft.Extensions.Options;
using TrustBot.Core.CheckIns;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Web.Hosting;

/// <summary>
/// On a timer: makes sure every open speak-up prompt has its note-release job, then closes due check-ins and speak-up
/// prompts. Each job fails on its own; a failed one is logged and the next tick tries again.
/// </summary>
internal sealed class ClosingService(
    CheckInCloser checkInCloser,
    SpeakUpCloser speakUpCloser,
    NoteReleasePlanner noteReleases,
    IOptions<CheckInOptions> options,
    TimeProvider timeProvider,
    ILogger<ClosingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CloseInterval, timeProvider);
        do
        {
            // Planning before closing: a prompt that lacks its release job still gets it while it is listed as open.
            await RunAsync("Planning speak-up note releases", noteReleases.PlanMissingAsync, stoppingToken);
            await RunAsync("Closing due check-ins", checkInCloser.CloseDueAsync, stoppingToken);
            await RunAsync("Closing due speak-up prompts", speakUpCloser.CloseDueAsync, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunAsync(string job, Func<CancellationToken, Task<int>> run, CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WebLog.ClosingTickFailed(logger, job, ex);
        }
    }
}
