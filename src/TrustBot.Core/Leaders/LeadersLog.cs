using Microsoft.Extensions.Logging;

namespace TrustBot.Core.Leaders;

// Event ids 2300–2399. Leaders are people: no ids, names or message text at any level.
internal static partial class LeadersLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "The installer became the first leader of a new team installation")]
    public static partial void InstallerEnrolled(ILogger logger);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "The installer already led the team; their stored details and nudge slot are kept")]
    public static partial void InstallerAlreadyLeader(ILogger logger);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "A team installation named no installer; nobody was made its leader")]
    public static partial void InstallerUnknown(ILogger logger);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Information, Message = "{Count} leaders were added to a team")]
    public static partial void LeadersAdded(ILogger logger, int count);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Information, Message = "{Count} leaders were removed from a team")]
    public static partial void LeadersRemoved(ILogger logger, int count);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Information, Message = "Someone who does not lead the team tried to change its leaders; nothing changed")]
    public static partial void ChangeRefused(ILogger logger);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Debug, Message = "Refreshed {Count} leader rows with a new Entra id, name or time zone")]
    public static partial void DetailsRefreshed(ILogger logger, int count);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Warning, Message = "Refreshing a leader's details failed ({ExceptionType}); the message is handled anyway")]
    public static partial void DetailsRefreshFailed(ILogger logger, string exceptionType);

    // The exception text may carry ids from storage requests, so the full exception stays at Debug.
    [LoggerMessage(EventId = 2308, Level = LogLevel.Debug, Message = "Leader details refresh failure detail")]
    public static partial void DetailsRefreshFailureDetail(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Information, Message = "The installer of a team that had no leaders was made its leader")]
    public static partial void InstallerAdopted(ILogger logger);

    [LoggerMessage(EventId = 2310, Level = LogLevel.Debug, Message = "Stored the display name of {Count} leaders found on the team's roster")]
    public static partial void NamesStored(ILogger logger, int count);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Warning, Message = "The team's roster could not be read to name its leaders; they are listed with the names stored")]
    public static partial void RosterUnreadableForNames(ILogger logger);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Warning, Message = "Storing a leader's display name failed ({ExceptionType}); it is looked up again next time")]
    public static partial void NameNotStored(ILogger logger, string exceptionType);

    // Roster and storage errors may carry ids, so the full exception stays at Debug.
    [LoggerMessage(EventId = 2313, Level = LogLevel.Debug, Message = "Leader name lookup failure detail")]
    public static partial void NamesFailureDetail(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2314, Level = LogLevel.Information, Message = "The installing leader's introduction was queued")]
    public static partial void IntroductionQueued(ILogger logger);

    [LoggerMessage(EventId = 2315, Level = LogLevel.Debug, Message = "The leader was introduced to the team before; no second introduction")]
    public static partial void AlreadyIntroduced(ILogger logger);

    [LoggerMessage(EventId = 2316, Level = LogLevel.Information, Message = "A leader's introduction was sent")]
    public static partial void IntroductionSent(ILogger logger);

    [LoggerMessage(EventId = 2317, Level = LogLevel.Information, Message = "A leader's introduction was not delivered ({Outcome})")]
    public static partial void IntroductionNotDelivered(ILogger logger, Messaging.DeliveryOutcome outcome);

    [LoggerMessage(EventId = 2318, Level = LogLevel.Debug, Message = "No introduction sent: {Reason}")]
    public static partial void NoIntroductionNeeded(ILogger logger, string reason);

    [LoggerMessage(EventId = 2319, Level = LogLevel.Information, Message = "Planned the weekly nudge of {Count} leaders of an activated team")]
    public static partial void NudgesPlanned(ILogger logger, int count);
}
