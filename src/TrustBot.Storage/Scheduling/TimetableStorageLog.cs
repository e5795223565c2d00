using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Scheduling;

// Event ids 3400–3499. Tenant ids, installation keys and job names (which may hold a user id) stay at Debug.
internal static partial class TimetableStorageLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Debug, Message = "Job {Job} of {Key} in tenant {TenantId} set to {DueAt}")]
    public static partial void EntrySet(this ILogger logger, string tenantId, string key, string job, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Debug, Message = "Job {Job} of {Key} in tenant {TenantId} advanced to {DueAt}")]
    public static partial void EntryAdvanced(this ILogger logger, string tenantId, string key, string job, DateTimeOffset? dueAt);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Debug, Message = "Job {Job} of {Key} in tenant {TenantId} changed or went away since it was read; not advanced")]
    public static partial void EntryAdvanceLost(this ILogger logger, string tenantId, string key, string job);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Debug, Message = "Job {Job} of {Key} in tenant {TenantId} removed")]
    public static partial void EntryRemoved(this ILogger logger, string tenantId, string key, string job);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Information, Message = "{Count} timetable entries are due; this pass takes {Taken}")]
    public static partial void DueBacklog(this ILogger logger, int count, int taken);
}
