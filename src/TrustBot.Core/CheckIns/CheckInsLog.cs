using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.CheckIns;

// Event ids 2100-2199 and 2430-2433 (kept from before the split). No ids, names or answers at any level.
internal static partial class CheckInsLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Posted a check-in with {StatementCount} statements")]
    public static partial void CheckInPosted(ILogger logger, int statementCount);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "A check-in card could not be posted ({Outcome}); the check-in was closed")]
    public static partial void CheckInNotPosted(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "No check-in was opened: the team's last one is still open")]
    public static partial void CheckInAlreadyOpen(ILogger logger);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Refused a card action ({Reason}); nothing was written")]
    public static partial void CardActionRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Ballot {Outcome}")]
    public static partial void BallotHandled(ILogger logger, BallotOutcome outcome);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "The shared check-in card was not updated ({Outcome})")]
    public static partial void SharedCardNotUpdated(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning,
        Message = "Queuing the refresh of a shared check-in card after a fold failed ({ExceptionType}); it catches up at the next fold or the close")]
    public static partial void SharedCardRefreshNotQueued(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Closed a check-in and destroyed its salt")]
    public static partial void CheckInClosed(ILogger logger);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "Planning the close of a check-in past its closing time failed ({ExceptionType}); the next sweep tries again")]
    public static partial void ClosePlanFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Planned the close of {Count} check-ins past their closing time that had none")]
    public static partial void ClosesPlanned(ILogger logger, int count);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Planning a new check-in's close failed ({ExceptionType}); the closing sweep plans it once it is due")]
    public static partial void CloseNotPlanned(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2150, Level = LogLevel.Warning,
        Message = "A check-in closed with {Missing} accepted ballots not counted: the folds did not find them within the settle grace")]
    public static partial void ClosedWithBallotsMissing(ILogger logger, int missing);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "A ballot was stored but the tally could not be read; the voter was thanked without a count")]
    public static partial void TallyUnreadableAfterBallot(ILogger logger);

    [LoggerMessage(EventId = 2430, Level = LogLevel.Information, Message = "A scheduled {Kind} was not posted: the team is gone or no longer a channel install")]
    public static partial void TeamGone(ILogger logger, string kind);

    [LoggerMessage(EventId = 2431, Level = LogLevel.Warning, Message = "Planning a check-in's reminder failed; the check-in stands without one")]
    public static partial void ReminderNotPlanned(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2432, Level = LogLevel.Information, Message = "A scheduled {Kind} found the team's channel unreachable; the next occurrence tries again")]
    public static partial void ChannelUnreachable(ILogger logger, string kind);

    [LoggerMessage(EventId = 2433, Level = LogLevel.Debug, Message = "A check-in's reminder is due at {DueAt}")]
    public static partial void ReminderPlanned(ILogger logger, DateTimeOffset dueAt);
}
