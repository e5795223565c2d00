using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Delivery;

// Event ids 3300–3399. Resources and idempotency keys name tenants and teams, so they appear at Debug only; a
// dead-letter reason is a status and error code by contract, never content.
internal static partial class DeliveryStorageLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "The outbox queue is ready")]
    public static partial void OutboxReady(this ILogger logger);

    [LoggerMessage(EventId = 3310, Level = LogLevel.Debug, Message = "Lease on {Resource} acquired by {Owner}")]
    public static partial void LeaseAcquired(this ILogger logger, string resource, string owner);

    [LoggerMessage(EventId = 3311, Level = LogLevel.Debug, Message = "Lease on {Resource} not acquired by {Owner}: another instance won the race")]
    public static partial void LeaseContended(this ILogger logger, string resource, string owner);

    [LoggerMessage(EventId = 3312, Level = LogLevel.Debug, Message = "Lease on {Resource} renewed by {Owner}")]
    public static partial void LeaseRenewed(this ILogger logger, string resource, string owner);

    [LoggerMessage(EventId = 3313, Level = LogLevel.Debug, Message = "Lease on {Resource} is no longer held by {Owner}")]
    public static partial void LeaseLost(this ILogger logger, string resource, string owner);

    [LoggerMessage(EventId = 3314, Level = LogLevel.Debug, Message = "Lease on {Resource} released by {Owner}")]
    public static partial void LeaseReleased(this ILogger logger, string resource, string owner);

    [LoggerMessage(EventId = 3315, Level = LogLevel.Debug, Message = "Lease on {Resource} of {Owner} was renewed since this copy was taken; still the same owner")]
    public static partial void LeaseVersionStale(this ILogger logger, string resource, string owner);

    [LoggerMessage(EventId = 3320, Level = LogLevel.Debug, Message = "Send {Key} began")]
    public static partial void IdempotencyBegun(this ILogger logger, string key);

    [LoggerMessage(EventId = 3321, Level = LogLevel.Debug, Message = "Send {Key} had already begun")]
    public static partial void IdempotencyAlreadyBegun(this ILogger logger, string key);

    [LoggerMessage(EventId = 3322, Level = LogLevel.Debug, Message = "Send {Key} completed")]
    public static partial void IdempotencyCompleted(this ILogger logger, string key);

    [LoggerMessage(EventId = 3323, Level = LogLevel.Debug, Message = "Send {Key} marked dead")]
    public static partial void IdempotencyMarkedDead(this ILogger logger, string key);

    [LoggerMessage(EventId = 3324, Level = LogLevel.Debug, Message = "Send {Key} is done; a report that it failed was ignored")]
    public static partial void IdempotencyDeadIgnored(this ILogger logger, string key);

    [LoggerMessage(EventId = 3325, Level = LogLevel.Debug, Message = "Send {Key} changed while being marked; reading it again")]
    public static partial void IdempotencyWriteConflict(this ILogger logger, string key);

    [LoggerMessage(EventId = 3330, Level = LogLevel.Debug, Message = "A {Kind} send {Key} was queued")]
    public static partial void SendQueued(this ILogger logger, string kind, string key);

    [LoggerMessage(EventId = 3331, Level = LogLevel.Debug, Message = "Send {Key} removed from the outbox")]
    public static partial void SendDeleted(this ILogger logger, string key);

    [LoggerMessage(EventId = 3332, Level = LogLevel.Debug, Message = "Outbox message {MessageId} was already gone or received again")]
    public static partial void SendAlreadyGone(this ILogger logger, string messageId);

    [LoggerMessage(EventId = 3333, Level = LogLevel.Warning,
        Message = "An outbox message that is not a readable send was removed (received {DequeueCount} times)")]
    public static partial void UnreadableSendRemoved(this ILogger logger, long dequeueCount);

    [LoggerMessage(EventId = 3340, Level = LogLevel.Warning, Message = "A {Kind} send was dead-lettered: {Reason}")]
    public static partial void SendDeadLettered(this ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 3341, Level = LogLevel.Debug, Message = "The dead-lettered send was {Key}")]
    public static partial void SendDeadLetteredKey(this ILogger logger, string key);
}
