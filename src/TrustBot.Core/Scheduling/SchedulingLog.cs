using Microsoft.Extensions.Logging;

namespace TrustBot.Core.Scheduling;

// Event ids 2400-2419 and 2435. Occurrence keys name tenants, teams and sometimes users, so no level logs them:
// a line names the job kind instead.
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Scheduler tick ran {Count} due {Noun}")]
    public static partial void TickRan(ILogger logger, int count, string noun);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "No scheduled job handles kind {Kind}; its timetable entry is removed")]
    public static partial void UnknownJobKind(ILogger logger, string kind);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Error, Message = "A {Kind} occurrence failed ({ExceptionType}); the next tick tries it again")]
    public static partial void OccurrenceFailed(ILogger logger, string kind, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Debug, Message = "{Count} claimed occurrences changed since they were claimed; left as the change made them")]
    public static partial void OccurrencesNotAdvanced(ILogger logger, int count);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Debug, Message = "A {Kind} occurrence queued {Count} sends")]
    public static partial void OccurrenceQueued(ILogger logger, string kind, int count);

    [LoggerMessage(EventId = 2407, Level = LogLevel.Information, Message = "The service-wide {Kind} job had no timetable entry; one was added")]
    public static partial void ServiceJobSeeded(ILogger logger, string kind);

    [LoggerMessage(EventId = 2435, Level = LogLevel.Warning, Message = "Moving claimed occurrences on failed; their claims run out on their own and they run again")]
    public static partial void SettleFailed(ILogger logger, Exception exception);
}
