using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.SpeakUp;

// Event ids 3200–3299. Note text is never logged, nor at any level a tenant, session or note id: they are the table's
// keys. Storage exceptions carry the request URL, whose keys are tenant and session ids, so whole exceptions are logged
// at Debug only.
internal static partial class SpeakUpStorageLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Speak-up note queues are ready ({Count} queues)")]
    public static partial void NoteQueuesReady(this ILogger logger, int count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "A speak-up session was created")]
    public static partial void SessionCreated(this ILogger logger);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "A speak-up session's salt was destroyed")]
    public static partial void SaltDestroyed(this ILogger logger);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Debug, Message = "A speak-up session was closed and its salt destroyed")]
    public static partial void SessionClosed(this ILogger logger);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Debug, Message = "A speak-up session changed while being closed; reading it again")]
    public static partial void SessionCloseConflict(this ILogger logger);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Information,
        Message = "Finished an interrupted close or create: destroyed the leftover salt and index row of a speak-up session that is closed or missing")]
    public static partial void SessionLeftoversDestroyed(this ILogger logger);

    // Neither the note id nor its delay: with them, this line's time would undo the delay for anyone reading logs.
    [LoggerMessage(EventId = 3210, Level = LogLevel.Debug, Message = "A note was queued")]
    public static partial void NoteDispatched(this ILogger logger);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Debug, Message = "A note was stored")]
    public static partial void NoteStored(this ILogger logger);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Warning,
        Message = "Storing a queued note failed with {ExceptionType} (status {Status}); it stays queued and is retried")]
    public static partial void NoteSaveFailed(this ILogger logger, string exceptionType, int status);

    [LoggerMessage(EventId = 3218, Level = LogLevel.Information, Message = "A queued note of an erased installation was deleted unstored")]
    public static partial void NoteOfErasedTeamDropped(this ILogger logger);

    [LoggerMessage(EventId = 3213, Level = LogLevel.Warning, Message = "A queued note was moved to the poison queue: {Reason}")]
    public static partial void NotePoisoned(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3214, Level = LogLevel.Error,
        Message = "A note intake pass failed with {ExceptionType} (status {Status}); the next tick tries again")]
    public static partial void DrainFailed(this ILogger logger, string exceptionType, int status);

    [LoggerMessage(EventId = 3215, Level = LogLevel.Debug, Message = "Note intake failure detail")]
    public static partial void IntakeFailureDetail(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3216, Level = LogLevel.Information, Message = "Note intake stored {Count} queued notes")]
    public static partial void NotesStored(this ILogger logger, int count);

    [LoggerMessage(EventId = 3219, Level = LogLevel.Debug, Message = "A group of {Count} notes was released")]
    public static partial void NotesReleased(this ILogger logger, int count);

    [LoggerMessage(EventId = 3220, Level = LogLevel.Debug,
        Message = "A note release was refused (status {Status}): the release record changed or a note is gone since it was read")]
    public static partial void ReleaseConflict(this ILogger logger, int status);
}
