using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Scheduling;

// Event ids 3400–3499. An entry's keys are a tenant id, a team id and a job name whose subject may be a user or
// check-in id, so no level logs them: a line names the job's kind (the part before any subject) instead.
internal static partial class SchedulingStorageLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Debug, Message = "A {Kind} job was set to {DueAt}")]
    public static partial void EntrySet(this ILogger logger, string kind, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Debug, Message = "A {Kind} job was advanced to {DueAt}")]
    public static partial void EntryAdvanced(this ILogger logger, string kind, DateTimeOffset? dueAt);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Debug, Message = "A {Kind} job changed or went away since it was read; not advanced")]
    public static partial void EntryAdvanceLost(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Debug, Message = "A {Kind} job was removed")]
    public static partial void EntryRemoved(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Information, Message = "{Count} timetable entries are due; this pass takes {Taken}")]
    public static partial void DueBacklog(this ILogger logger, int count, int taken);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Debug, Message = "Claimed {Claimed} of {Free} free due timetable entries")]
    public static partial void EntriesClaimed(this ILogger logger, int claimed, int free);

    [LoggerMessage(EventId = 3406, Level = LogLevel.Debug, Message = "{Count} due entries were claimed or changed by someone else first; not claimed")]
    public static partial void ClaimLost(this ILogger logger, int count);

    [LoggerMessage(EventId = 3407, Level = LogLevel.Debug, Message = "{Count} timetable entries were advanced in one batch")]
    public static partial void EntriesAdvanced(this ILogger logger, int count);
}
