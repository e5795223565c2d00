using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Retention;

// Event ids 3700–3799. Counts and table names only: never a tenant, team, person or note.
internal static partial class RetentionStorageLog
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Debug, Message = "Deleted {Count} rows from {Table}")]
    public static partial void RowsDeleted(this ILogger logger, string table, int count);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Debug, Message = "A batch delete in {Table} met a row deleted meanwhile; deleting its rows one by one")]
    public static partial void BatchFellBack(this ILogger logger, string table);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Information, Message = "The installation changed while its data was being erased (a reinstall); erasing stopped")]
    public static partial void EraseStoppedByChange(this ILogger logger);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Debug, Message = "The installation is not removed, or was removed too recently; nothing was erased")]
    public static partial void EraseNotDue(this ILogger logger);

    [LoggerMessage(EventId = 3704, Level = LogLevel.Information, Message = "Erased a removed installation: {Rows} rows in all")]
    public static partial void TeamErased(this ILogger logger, int rows);

    [LoggerMessage(EventId = 3705, Level = LogLevel.Information, Message = "Deleted {Count} queued messages of an erased installation")]
    public static partial void QueuedMessagesPurged(this ILogger logger, int count);
}
