using Microsoft.Extensions.Logging;

namespace TrustBot.Core.Help;

// Event ids 2023-2024. No ids, names or message text at any level.
internal static partial class HelpLog
{
    [LoggerMessage(2024, LogLevel.Warning, "The team's anonymity threshold could not be read for help ({ExceptionType}); naming the service default")]
    public static partial void HelpThresholdUnknown(ILogger logger, string exceptionType);

    [LoggerMessage(2023, LogLevel.Warning, "Leadership could not be checked for help ({ExceptionType}); showing the commands everyone has")]
    public static partial void HelpLeadershipUnknown(ILogger logger, string exceptionType);
}
