using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

// Event ids 2200-2299. Counts and outcomes only: no note text, no tenant, team, session or note id, no table key.
internal static partial class SpeakUpLog
{
    [LoggerMessage(EventId = 2250, Level = LogLevel.Information, Message = "Released a group of {Count} speak-up notes (final: {Final})")]
    public static partial void NotesReleased(ILogger logger, int count, bool final);

    [LoggerMessage(EventId = 2251, Level = LogLevel.Debug, Message = "A note release met another change to the same prompt; reading it again")]
    public static partial void ReleaseConflict(ILogger logger);

    [LoggerMessage(EventId = 2252, Level = LogLevel.Information,
        Message = "A speak-up prompt ended with {Count} notes held back because fewer than its threshold were written; they are never shown")]
    public static partial void NotesWithheld(ILogger logger, int count);

    [LoggerMessage(EventId = 2253, Level = LogLevel.Warning, Message = "Planning a speak-up prompt's note releases failed ({ExceptionType}); the speak-up sweep plans it again")]
    public static partial void ReleasePlanFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2254, Level = LogLevel.Information, Message = "Planned the note releases of {Count} open speak-up prompts that had none")]
    public static partial void ReleasesPlanned(ILogger logger, int count);

    [LoggerMessage(EventId = 2255, Level = LogLevel.Warning, Message = "A released group of notes was not posted to its channel ({Outcome})")]
    public static partial void ReleaseNotPosted(ILogger logger, Messaging.DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2256, Level = LogLevel.Information, Message = "Refused a card action ({Reason}); nothing was written")]
    public static partial void CardActionRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Posted a speak-up prompt")]
    public static partial void SpeakUpPosted(ILogger logger);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "A speak-up card could not be posted ({Outcome})")]
    public static partial void SpeakUpNotPosted(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Debug, Message = "A speak-up note was queued for delayed storage")]
    public static partial void NoteDispatched(ILogger logger);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Closed a speak-up prompt and destroyed its salt")]
    public static partial void SpeakUpSessionClosed(ILogger logger);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "A closed speak-up card was not updated ({Outcome})")]
    public static partial void SpeakUpCardNotUpdated(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "Planning the close of a speak-up prompt past its closing time failed ({ExceptionType}); the next sweep tries again")]
    public static partial void ClosePlanFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Planned the close of {Count} speak-up prompts past their closing time that had none")]
    public static partial void ClosesPlanned(ILogger logger, int count);

    [LoggerMessage(EventId = 2257, Level = LogLevel.Information, Message = "A scheduled {Kind} was not posted: the team is gone or no longer a channel install")]
    public static partial void TeamGone(ILogger logger, string kind);

    [LoggerMessage(EventId = 2258, Level = LogLevel.Information, Message = "A scheduled {Kind} found the team's channel unreachable; the next occurrence tries again")]
    public static partial void ChannelUnreachable(ILogger logger, string kind);
}
