using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

// Event ids 2400–2499. Occurrence and idempotency keys name tenants, teams and sometimes users, so no level logs them:
// a line names the job or send kind instead.
internal static partial class EngineLog
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

    [LoggerMessage(EventId = 2420, Level = LogLevel.Debug, Message = "A {Kind} send is already {State}; its message is removed")]
    public static partial void SendAlreadySettled(ILogger logger, string kind, string state);

    [LoggerMessage(EventId = 2421, Level = LogLevel.Debug, Message = "A {Kind} send is claimed by another worker")]
    public static partial void SendHeld(ILogger logger, string kind);

    [LoggerMessage(EventId = 2422, Level = LogLevel.Information, Message = "A {Kind} send ended {Outcome}")]
    public static partial void SendSettled(ILogger logger, string kind, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2423, Level = LogLevel.Information, Message = "A {Kind} send ended {Outcome} on attempt {Attempt} of {MaxAttempts}; it is tried again later")]
    public static partial void SendWillRetry(ILogger logger, string kind, DeliveryOutcome outcome, long attempt, int maxAttempts);

    [LoggerMessage(EventId = 2424, Level = LogLevel.Warning, Message = "A {Kind} send was dead-lettered after {Attempts} attempts: {Reason}")]
    public static partial void SendDeadLettered(ILogger logger, string kind, long attempts, string reason);

    [LoggerMessage(EventId = 2425, Level = LogLevel.Warning, Message = "A {Kind} send failed with {ExceptionType}; counted as a failed attempt")]
    public static partial void HandlerThrew(ILogger logger, string kind, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 2426, Level = LogLevel.Error, Message = "Handling an outbox message failed ({ExceptionType}); it comes back after its visibility timeout")]
    public static partial void MessageFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 2427, Level = LogLevel.Warning, Message = "No outbound handler sends kind {Kind}; the send is dead-lettered")]
    public static partial void UnknownSendKind(ILogger logger, string kind);

    [LoggerMessage(EventId = 2428, Level = LogLevel.Debug, Message = "Releasing a claim failed; it expires on its own")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2430, Level = LogLevel.Information, Message = "A scheduled {Kind} was not posted: the team is gone or no longer a channel install")]
    public static partial void TeamGone(ILogger logger, string kind);

    [LoggerMessage(EventId = 2431, Level = LogLevel.Warning, Message = "Planning a check-in's reminder failed; the check-in stands without one")]
    public static partial void ReminderNotPlanned(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2432, Level = LogLevel.Information, Message = "A scheduled {Kind} found the team's channel unreachable; the next occurrence tries again")]
    public static partial void ChannelUnreachable(ILogger logger, string kind);

    [LoggerMessage(EventId = 2433, Level = LogLevel.Debug, Message = "A check-in's reminder is due at {DueAt}")]
    public static partial void ReminderPlanned(ILogger logger, DateTimeOffset dueAt);
}
