using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Delivery;

// Event ids 2420-2428 and 2436-2439. Idempotency keys name tenants, teams and sometimes users, so no level logs them:
// a line names the send kind instead.
internal static partial class DeliveryLog
{
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

    [LoggerMessage(EventId = 2436, Level = LogLevel.Debug, Message = "Queued {Count} replies to a message in {Sends} send(s)")]
    public static partial void RepliesQueued(ILogger logger, int count, int sends);

    [LoggerMessage(EventId = 2437, Level = LogLevel.Warning, Message = "A reply was not delivered ({Outcome})")]
    public static partial void ReplyNotDelivered(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2438, Level = LogLevel.Information, Message = "A reply waited {Wait} for the reply before it in its conversation and went ahead without it")]
    public static partial void ReplyOrderWaitExpired(ILogger logger, TimeSpan wait);

    [LoggerMessage(EventId = 2439, Level = LogLevel.Error, Message = "A queued reply could not be read; it is dead-lettered after its attempts")]
    public static partial void ReplyUnreadable(ILogger logger);
}
