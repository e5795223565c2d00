using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Settings;

// Event ids 2700–2749. Settings name people (leaders) and channels: no ids, names or values at any level.
internal static partial class SettingsLog
{
    [LoggerMessage(2700, LogLevel.Information, "Settings cards sent or queued for a leader's private chat ({Count} cards)")]
    public static partial void CardsSent(ILogger logger, int count);

    [LoggerMessage(2701, LogLevel.Warning, "The settings card could not be sent ({Outcome})")]
    public static partial void CardNotSent(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(2702, LogLevel.Information, "Settings refused in a {Kind} conversation: {Reason}")]
    public static partial void CommandRefused(ILogger logger, ConversationKind kind, string reason);

    [LoggerMessage(2703, LogLevel.Information, "Settings save refused: {Reason}; nothing changed")]
    public static partial void SaveRefused(ILogger logger, string reason);

    [LoggerMessage(2704, LogLevel.Information, "Settings save had {Count} invalid values; nothing changed")]
    public static partial void SaveInvalid(ILogger logger, int count);

    [LoggerMessage(2705, LogLevel.Information, "Team settings saved ({Added} leaders added, {Removed} removed); the timetable was re-planned")]
    public static partial void Saved(ILogger logger, int added, int removed);

    [LoggerMessage(2706, LogLevel.Warning, "The team's channels could not be listed; the settings card offers only the current channel")]
    public static partial void ChannelsUnreadable(ILogger logger);

    [LoggerMessage(2707, LogLevel.Warning, "The team's roster could not be read; the settings card offers only the current leaders")]
    public static partial void RosterUnreadable(ILogger logger);

    // The exception text may carry team or conversation ids from request URLs, so it stays at Debug.
    [LoggerMessage(2708, LogLevel.Debug, "Settings listing failure detail")]
    public static partial void ListingFailureDetail(ILogger logger, Exception exception);

    [LoggerMessage(2709, LogLevel.Information, "The settings card was opened again from a card")]
    public static partial void Reopened(ILogger logger);
}
