using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Installations;

// Event ids 2000-2019. No ids, names or message text at any level.
internal static partial class InstallationsLog
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
}
