using Microsoft.Extensions.Logging;

namespace TrustBot.Core.Scheduling;

// Event ids 2400-2419 and 2434-2435. Occurrence keys name tenants, teams and sometimes users, so no level logs them:
// a line names the job kind instead.
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Scheduler tick ran {Count} due {Noun}")]
    public static partial void TickRan(ILogger logger, int count, string noun);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Debug, Message = "A {Kind} occurrence is held by another instance")]
    public static partial void OccurrenceHeld(ILogger logger, string kind);

    [LoggerMessage(EventId = 2434, Level = LogLevel.Debug, Message = "A {Kind} occurrence was already handled by another instance since it was listed")]
    public static partial void OccurrenceAlreadyHandled(ILogger logger, string kind);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "No scheduled job handles kind {Kind}; its timetable entry is removed")]
    public static partial void UnknownJobKind(ILogger logger, string kind);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Error, Message = "A {Kind} occurrence failed ({ExceptionType}); the next tick tries it again")]
    public static partial void OccurrenceFailed(ILogger logger, string kind, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Debug, Message = "A {Kind} send was begun before and is still pending; queued again")]
    public static partial void SendRequeued(ILogger logger, string kind);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Debug, Message = "A {Kind} occurrence changed since it was read; left as the change made it")]
    public static partial void OccurrenceNotAdvanced(ILogger logger, string kind);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Debug, Message = "A {Kind} occurrence queued {Count} sends")]
    public static partial void OccurrenceQueued(ILogger logger, string kind, int count);

    [LoggerMessage(EventId = 2407, Level = LogLevel.Information, Message = "The service-wide {Kind} job had no timetable entry; one was added")]
    public static partial void ServiceJobSeeded(ILogger logger, string kind);

    [LoggerMessage(EventId = 2435, Level = LogLevel.Debug, Message = "Releasing a claim failed; it expires on its own")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception);
}
