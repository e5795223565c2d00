using Microsoft.Extensions.Logging;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core;

// Event ids 2000-2099. No ids, names or message text at any level.
internal static partial class CoreLog
{
    [LoggerMessage(2000, LogLevel.Information, "TrustBot was added to a new {Kind} installation")]
    public static partial void InstallationActivated(ILogger logger, ConversationKind kind);

    [LoggerMessage(2001, LogLevel.Debug, "The {Kind} installation was already active; no welcome posted")]
    public static partial void InstallationAlreadyActive(ILogger logger, ConversationKind kind);

    [LoggerMessage(2002, LogLevel.Information, "Welcome card posted to a new {Kind} installation")]
    public static partial void WelcomePosted(ILogger logger, ConversationKind kind);

    [LoggerMessage(2003, LogLevel.Warning, "Welcome card for a new {Kind} installation was not delivered ({Outcome}); the installation is kept")]
    public static partial void WelcomeNotDelivered(ILogger logger, ConversationKind kind, DeliveryOutcome outcome);

    [LoggerMessage(2004, LogLevel.Warning, "Posting the welcome card for a new {Kind} installation failed with {ExceptionType}; the installation is kept")]
    public static partial void WelcomeFailed(ILogger logger, ConversationKind kind, string exceptionType);

    // The exception text may carry conversation ids from request URLs, so the full exception stays at Debug.
    [LoggerMessage(2005, LogLevel.Debug, "Welcome card failure detail")]
    public static partial void WelcomeFailureDetail(ILogger logger, Exception exception);

    [LoggerMessage(2006, LogLevel.Information, "The {Kind} installation was upgraded")]
    public static partial void InstallationUpgraded(ILogger logger, ConversationKind kind);

    [LoggerMessage(2007, LogLevel.Information, "The {Kind} installation was removed")]
    public static partial void InstallationRemoved(ILogger logger, ConversationKind kind);

    [LoggerMessage(2008, LogLevel.Debug, "Removal of a {Kind} installation that was not stored")]
    public static partial void RemovalOfUnknownInstallation(ILogger logger, ConversationKind kind);

    [LoggerMessage(2009, LogLevel.Information, "An installation's service URL changed and was stored")]
    public static partial void ServiceUrlStored(ILogger logger);

    [LoggerMessage(2010, LogLevel.Debug, "Activity from a conversation with no stored installation; service URL not stored")]
    public static partial void ServiceUrlForUnknownInstallation(ILogger logger);

    [LoggerMessage(2012, LogLevel.Warning, "Installation observer {Observer} failed with {ExceptionType}; the installation is kept")]
    public static partial void InstallationObserverFailed(ILogger logger, string observer, string exceptionType);

    [LoggerMessage(2013, LogLevel.Debug, "Installation observer failure detail")]
    public static partial void InstallationObserverFailureDetail(ILogger logger, Exception exception);

    [LoggerMessage(2020, LogLevel.Debug, "Running command {Command} in a {Kind} conversation")]
    public static partial void CommandRunning(ILogger logger, string command, ConversationKind kind);

    [LoggerMessage(2021, LogLevel.Debug, "Message in a {Kind} conversation named no known command")]
    public static partial void CommandNotUnderstood(ILogger logger, ConversationKind kind);

    [LoggerMessage(2022, LogLevel.Warning, "A reply was not delivered ({Outcome})")]
    public static partial void ReplyNotDelivered(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(2024, LogLevel.Warning, "The team's anonymity threshold could not be read for help ({ExceptionType}); naming the service default")]
    public static partial void HelpThresholdUnknown(ILogger logger, string exceptionType);

    [LoggerMessage(2023, LogLevel.Warning, "Leadership could not be checked for help ({ExceptionType}); showing the commands everyone has")]
    public static partial void HelpLeadershipUnknown(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Posted a check-in with {StatementCount} statements")]
    public static partial void CheckInPosted(ILogger logger, int statementCount);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "A check-in card could not be posted ({Outcome}); the check-in was closed")]
    public static partial void CheckInNotPosted(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "No check-in was opened: the team's last one is still open")]
    public static partial void CheckInAlreadyOpen(ILogger logger);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Refused a card action ({Reason}); nothing was written")]
    public static partial void CardActionRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Ballot {Outcome}")]
    public static partial void BallotHandled(ILogger logger, Anonymity.BallotOutcome outcome);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "The shared check-in card was not updated ({Outcome})")]
    public static partial void SharedCardNotUpdated(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Updating a shared check-in card failed ({ExceptionType})")]
    public static partial void SharedCardUpdateFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Closed {Count} check-ins and destroyed their salts")]
    public static partial void CheckInsClosed(ILogger logger, int count);

    [LoggerMessage(EventId = 2150, Level = LogLevel.Warning,
        Message = "A check-in closed with {Missing} accepted ballots not counted: the folds did not find them within the settle grace")]
    public static partial void ClosedWithBallotsMissing(ILogger logger, int missing);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "A card action named an unknown verb")]
    public static partial void UnknownCardVerb(ILogger logger);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "A ballot was stored but the tally could not be read; the voter was thanked without a count")]
    public static partial void TallyUnreadableAfterBallot(ILogger logger);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Posted a speak-up prompt")]
    public static partial void SpeakUpPosted(ILogger logger);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "A speak-up card could not be posted ({Outcome})")]
    public static partial void SpeakUpNotPosted(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Debug, Message = "A speak-up note was queued for delayed storage")]
    public static partial void NoteDispatched(ILogger logger);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Closed {Count} speak-up prompts and destroyed their salts")]
    public static partial void SpeakUpSessionsClosed(ILogger logger, int count);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "A closed speak-up card was not updated ({Outcome})")]
    public static partial void SpeakUpCardNotUpdated(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "Updating a closed speak-up card failed ({ExceptionType}); the prompt stays closed")]
    public static partial void SpeakUpCardUpdateFailed(ILogger logger, string exceptionType);
}
