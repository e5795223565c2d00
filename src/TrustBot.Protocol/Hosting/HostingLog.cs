using Microsoft.Extensions.Logging;

namespace TrustBot.Protocol.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Rejected an activity: token invalid ({Reason})")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Rejected a request body: {Reason}")]
    public static partial void InvalidActivity(ILogger logger, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Rejected an activity: {Status} by endorsement or serviceurl claim")]
    public static partial void ActivityNotAuthorized(ILogger logger, string status);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Rejected an activity whose serviceUrl host is not on the allow-list")]
    public static partial void ServiceUrlNotAllowed(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Local mode: rejected an unauthenticated request from a non-loopback caller")]
    public static partial void LocalModeRejectedRemoteCaller(ILogger logger);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "The {ActivityType} turn failed")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string? activityType);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "The {ActivityType} turn was deferred: answered 503, retry after {RetryAfterSeconds} s")]
    public static partial void TurnDeferred(ILogger logger, string? activityType, int retryAfterSeconds);

    // The field is a JSON path and the problem names a limit; neither carries the value, an id or any text.
    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Rejected an activity: {Field} {Problem}")]
    public static partial void ActivityOutOfBounds(ILogger logger, string field, string problem);

    // Only the type: an activity id is a Teams message id, which points at one person's message in one chat.
    private static readonly Func<ILogger, string?, IDisposable?> TurnScope =
        LoggerMessage.DefineScope<string?>("Activity {ActivityType}");

    public static IDisposable? BeginTurnScope(ILogger logger, string? activityType) => TurnScope(logger, activityType);
}
