using Microsoft.Extensions.Logging;

namespace TrustBot.Core.SpeakUp;

// Event ids 2250-2299. Counts and outcomes only: no note text, no tenant, team, session or note id, no table key.
internal static partial class SpeakUpLog
{
    [LoggerMessage(EventId = 2250, Level = LogLevel.Information, Message = "Released a group of {Count} speak-up notes (final: {Final})")]
    public static partial void NotesReleased(ILogger logger, int count, bool final);

    [LoggerMessage(EventId = 2251, Level = LogLevel.Debug, Message = "A note release met another change to the same prompt; reading it again")]
    public static partial void ReleaseConflict(ILogger logger);

    [LoggerMessage(EventId = 2252, Level = LogLevel.Information,
        Message = "A speak-up prompt ended with {Count} notes held back because fewer than its threshold were written; they are never shown")]
    public static partial void NotesWithheld(ILogger logger, int count);

    [LoggerMessage(EventId = 2253, Level = LogLevel.Warning, Message = "Planning a speak-up prompt's note releases failed ({ExceptionType}); the closing pass plans it again")]
    public static partial void ReleasePlanFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2254, Level = LogLevel.Information, Message = "Planned the note releases of {Count} open speak-up prompts that had none")]
    public static partial void ReleasesPlanned(ILogger logger, int count);

    [LoggerMessage(EventId = 2255, Level = LogLevel.Warning, Message = "A released group of notes was not posted to its channel ({Outcome})")]
    public static partial void ReleaseNotPosted(ILogger logger, Messaging.DeliveryOutcome outcome);
}
