using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Delivery;

// Event ids 3300–3399. Lease resources, idempotency keys and queue message ids name tenants, teams and sometimes
// users, or point at the one message that does, so no level logs them: a line names the lease or send kind instead. A
// dead-letter reason is a status and error code by contract, never content.
internal static partial class DeliveryStorageLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "The outbox queue is ready")]
    public static partial void OutboxReady(this ILogger logger);

    [LoggerMessage(EventId = 3310, Level = LogLevel.Debug, Message = "A {Kind} lease was acquired")]
    public static partial void LeaseAcquired(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3311, Level = LogLevel.Debug, Message = "A {Kind} lease was not acquired: another instance won the race")]
    public static partial void LeaseContended(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3312, Level = LogLevel.Debug, Message = "A {Kind} lease was renewed")]
    public static partial void LeaseRenewed(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3313, Level = LogLevel.Debug, Message = "A {Kind} lease is no longer held by this instance")]
    public static partial void LeaseLost(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3314, Level = LogLevel.Debug, Message = "A {Kind} lease was released")]
    public static partial void LeaseReleased(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3315, Level = LogLevel.Debug, Message = "A {Kind} lease was renewed since this copy was taken; still the same owner")]
    public static partial void LeaseVersionStale(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3320, Level = LogLevel.Debug, Message = "A send's idempotency record was begun")]
    public static partial void IdempotencyBegun(this ILogger logger);

    [LoggerMessage(EventId = 3321, Level = LogLevel.Debug, Message = "A send's idempotency record had already been begun")]
    public static partial void IdempotencyAlreadyBegun(this ILogger logger);

    [LoggerMessage(EventId = 3322, Level = LogLevel.Debug, Message = "A send's idempotency record was marked done")]
    public static partial void IdempotencyCompleted(this ILogger logger);

    [LoggerMessage(EventId = 3323, Level = LogLevel.Debug, Message = "A send's idempotency record was marked dead")]
    public static partial void IdempotencyMarkedDead(this ILogger logger);

    [LoggerMessage(EventId = 3324, Level = LogLevel.Debug, Message = "A send is done; a report that it failed was ignored")]
    public static partial void IdempotencyDeadIgnored(this ILogger logger);

    [LoggerMessage(EventId = 3325, Level = LogLevel.Debug, Message = "A send's idempotency record changed while being marked (attempt {Attempt}); reading it again")]
    public static partial void IdempotencyWriteConflict(this ILogger logger, int attempt);

    [LoggerMessage(EventId = 3326, Level = LogLevel.Debug, Message = "A send was claimed ({How})")]
    public static partial void IdempotencyClaimed(this ILogger logger, string how);

    [LoggerMessage(EventId = 3327, Level = LogLevel.Debug, Message = "A send's claim was given back for a later try")]
    public static partial void IdempotencyReleased(this ILogger logger);

    [LoggerMessage(EventId = 3330, Level = LogLevel.Debug, Message = "A {Kind} send was queued")]
    public static partial void SendQueued(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3331, Level = LogLevel.Debug, Message = "A {Kind} send was removed from the outbox")]
    public static partial void SendDeleted(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3332, Level = LogLevel.Debug, Message = "An outbox message was already gone or received again")]
    public static partial void SendAlreadyGone(this ILogger logger);

    [LoggerMessage(EventId = 3333, Level = LogLevel.Warning,
        Message = "An outbox message that is not a readable send was removed (received {DequeueCount} times)")]
    public static partial void UnreadableSendRemoved(this ILogger logger, long dequeueCount);

    [LoggerMessage(EventId = 3340, Level = LogLevel.Warning, Message = "A {Kind} send was dead-lettered: {Reason}")]
    public static partial void SendDeadLettered(this ILogger logger, string kind, string reason);
}
