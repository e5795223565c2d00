using Microsoft.Extensions.Logging;

namespace TrustBot.Core.Retention;

// Event ids 2750–2799. Counts only: never a tenant, team, person or note.
internal static partial class RetentionLog
{
    [LoggerMessage(EventId = 2750, Level = LogLevel.Information, Message = "Retention deleted {Count} speak-up notes older than {MaxAge}")]
    public static partial void NotesDeleted(ILogger logger, int count, TimeSpan maxAge);

    [LoggerMessage(EventId = 2751, Level = LogLevel.Information, Message = "Retention found {Count} installations removed longer than {GracePeriod} ago")]
    public static partial void RemovedFound(ILogger logger, int count, TimeSpan gracePeriod);

    [LoggerMessage(EventId = 2752, Level = LogLevel.Information, Message = "Retention erased a removed installation: {Rows} rows deleted")]
    public static partial void TeamErased(ILogger logger, int rows);

    [LoggerMessage(EventId = 2753, Level = LogLevel.Information, Message = "A removed installation was reinstalled or changed before it was erased; it was kept")]
    public static partial void TeamKept(ILogger logger);

    [LoggerMessage(EventId = 2754, Level = LogLevel.Error, Message = "Erasing a removed installation failed ({ExceptionType}); the next sweep tries again")]
    public static partial void TeamEraseFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 2756, Level = LogLevel.Information, Message = "Retention deleted {Count} expired leases, idempotency records, dead letters and launch counters")]
    public static partial void OperationalRowsDeleted(ILogger logger, int count);

    [LoggerMessage(EventId = 2755, Level = LogLevel.Information, Message = "Retention sweep done: {Notes} notes deleted, {Erased} installations erased, {Failed} failed")]
    public static partial void SweepDone(ILogger logger, int notes, int erased, int failed);
}
