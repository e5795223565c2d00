using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Nudges;

// Event ids 3500-3599. No user ids or habit ids at any level.
internal static partial class NudgesStorageLog
{
    [LoggerMessage(3500, LogLevel.Debug, "A nudge's answer changed while it was being written; reading it again")]
    public static partial void ResponseWriteConflict(this ILogger logger);

    [LoggerMessage(3501, LogLevel.Debug, "A nudge answer was stored: {Response}")]
    public static partial void ResponseStored(this ILogger logger, string response);
}
