namespace TrustBot.Web.Hosting;

// Event ids 4000–4099 of the host (local mode, folds, readiness) and 4100–4199 of the scheduler and outbox loops.
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message =
        "LOCAL MODE: MicrosoftAppId is empty, so /api/messages accepts UNAUTHENTICATED activities from loopback callers and " +
        "calls the Connector without a token. Use this only with the Agents Playground or the Bot Framework Emulator.")]
    public static partial void LocalModeWarning(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Folding ballots failed; the next fold tries again")]
    public static partial void FoldFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Readiness check {Check} is {Status}: {Description}")]
    public static partial void ReadinessCheckNotHealthy(
        ILogger logger, string check, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus status, string description);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Error, Message = "The scheduler tick failed; the next tick tries again")]
    public static partial void SchedulerTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Draining the outbox failed; trying again after the poll interval")]
    public static partial void OutboxDrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Giving the service-wide jobs their timetable entries failed; the next tick tries again")]
    public static partial void SeedingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "The {Loop} started, polling every {PollInterval}")]
    public static partial void LoopStarted(ILogger logger, string loop, TimeSpan pollInterval);
}
