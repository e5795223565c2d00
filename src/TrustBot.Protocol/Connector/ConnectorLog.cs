using Microsoft.Extensions.Logging;

namespace TrustBot.Protocol.Connector;

// Statuses, outcomes, delays and hosts only: never bodies, texts, tokens or user ids.
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Connector {Operation} refused: service URL host {Host} is not allowed")]
    public static partial void ServiceUrlRefused(ILogger logger, string operation, string host);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Connector {Operation} refused: {Argument} is missing")]
    public static partial void InvalidArgument(ILogger logger, string operation, string argument);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Connector {Operation} answered {StatusCode} (MS-CV {CorrelationVector})")]
    public static partial void ResponseReceived(ILogger logger, string operation, int statusCode, string? correlationVector);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Connector {Operation} delivered ({StatusCode})")]
    public static partial void Delivered(ILogger logger, string operation, int statusCode);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Connector {Operation} ended {Outcome} ({StatusCode}, {ErrorCode})")]
    public static partial void NotDelivered(ILogger logger, string operation, ConnectorOutcome outcome, int? statusCode, string? errorCode);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Connector {Operation} failed without an answer ({ErrorCode})")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string operation, string errorCode);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Connector {Operation} returned 2xx with an unreadable body ({StatusCode})")]
    public static partial void UnparsableResponse(ILogger logger, Exception exception, string operation, int statusCode);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Connector attempt {Attempt} answered {StatusCode}; retrying in {DelayMs} ms")]
    public static partial void RetryingStatus(ILogger logger, int attempt, int statusCode, double delayMs);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "Connector attempt {Attempt} got no answer; retrying in {DelayMs} ms")]
    public static partial void RetryingException(ILogger logger, Exception exception, int attempt, double delayMs);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Connector asked to wait {RetryAfterMs} ms after {StatusCode}, above the {MaxRetryAfterMs} ms cap; not retrying")]
    public static partial void RetryAfterTooLong(ILogger logger, int statusCode, double retryAfterMs, double maxRetryAfterMs);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Connector attempt got no answer within {TimeoutMs} ms")]
    public static partial void AttemptTimedOut(ILogger logger, double timeoutMs);

    [LoggerMessage(EventId = 1220, Level = LogLevel.Information, Message = "Connector answered 401; refreshing the bot token and retrying once")]
    public static partial void RefreshingAfterUnauthorized(ILogger logger);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Debug, Message = "Bot token acquired; expires {ExpiresOn:O}, refresh after {RefreshAt:O}")]
    public static partial void TokenAcquired(ILogger logger, DateTimeOffset expiresOn, DateTimeOffset refreshAt);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Information, Message = "Outbound Connector calls authenticate with {CredentialKind}")]
    public static partial void CredentialSelected(ILogger logger, string credentialKind);

    [LoggerMessage(EventId = 1223, Level = LogLevel.Warning, Message = "Local mode (no MicrosoftAppId): Connector calls carry no Authorization header")]
    public static partial void LocalMode(ILogger logger);

    [LoggerMessage(EventId = 1230, Level = LogLevel.Debug, Message = "Connector request waited {DelayMs} ms for a rate-limit slot")]
    public static partial void WaitedForSlot(ILogger logger, double delayMs);

    [LoggerMessage(EventId = 1231, Level = LogLevel.Warning,
        Message = "The shared send schedule could not be reached ({ExceptionType}); this instance paces each tenant at 1/{Instances} of the app limit and asks again in {RetrySeconds} s")]
    public static partial void SharedBudgetUnavailable(ILogger logger, string exceptionType, int instances, double retrySeconds);

    [LoggerMessage(EventId = 1232, Level = LogLevel.Information, Message = "The shared send schedule answers again; tenants are paced across instances")]
    public static partial void SharedBudgetRecovered(ILogger logger);
}
