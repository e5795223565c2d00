using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Reminders;

// Event ids 2650–2699. Never an id, a name, or a count of reminded people (with the roster it would give the replies).
internal static partial class RemindersLog
{
    [LoggerMessage(2650, LogLevel.Debug, "Reminder not sent: {Reason}")]
    public static partial void NothingToDo(ILogger logger, string reason);

    [LoggerMessage(2651, LogLevel.Warning, "The team roster could not be read for a reminder; it will be tried again")]
    public static partial void RosterUnavailable(ILogger logger);

    [LoggerMessage(2652, LogLevel.Information, "Reminder pass finished ({Outcome})")]
    public static partial void PassFinished(ILogger logger, DeliveryOutcome outcome);
}
