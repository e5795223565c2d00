namespace TrustBot.Web.Hosting;

// Event ids 4100–4199: the scheduler and outbox worker loops.
internal static partial class EngineHostingLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Error, Message = "The scheduler tick failed; the next tick tries again")]
    public static partial void SchedulerTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Draining the outbox failed; trying again after the poll interval")]
    public static partial void OutboxDrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Giving the service-wide jobs their timetable entries failed; the next tick tries again")]
    public static partial void SeedingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "The {Loop} started, polling every {PollInterval}")]
    public static partial void LoopStarted(ILogger logger, string loop, TimeSpan pollInterval);
}
