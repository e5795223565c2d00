namespace TrustBot.Web.Bot;

// Event ids 4001–4099 of the activity handler. No ids, names or message text at any level.
internal static partial class BotLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Ignored a {ActivityType} activity without a tenant id")]
    public static partial void IgnoredWithoutTenant(ILogger logger, string? activityType);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Answered an unsupported invoke {InvokeName}")]
    public static partial void UnsupportedInvoke(ILogger logger, string? invokeName);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Storage is unavailable; a {ActivityType} activity was answered without it ({Answer})")]
    public static partial void StorageUnavailable(ILogger logger, string? activityType, string answer);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "The storage-unavailable reply was not delivered ({Outcome})")]
    public static partial void OutageReplyNotDelivered(ILogger logger, TrustBot.Core.Messaging.DeliveryOutcome outcome);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning,
        Message = "The anonymity secret is not configured or is an unresolved Key Vault reference; a {ActivityType} activity was answered \"not ready\" ({Answer})")]
    public static partial void AnonymitySecretNotReady(ILogger logger, string? activityType, string answer);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "The replies to a message could not be queued ({ExceptionType}); it is answered 503 so that Teams sends it again")]
    public static partial void RepliesNotQueued(ILogger logger, string exceptionType);
}
