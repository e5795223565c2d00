using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.CheckIns;

/// <summary>Log lines of the check-in store (3140–3179). No id, key or salt is ever logged, at any level.</summary>
internal static partial class CheckInsStorageLog
{
    [LoggerMessage(EventId = 3140, Level = LogLevel.Debug, Message = "A check-in was created")]
    public static partial void CheckInCreated(this ILogger logger);

    [LoggerMessage(EventId = 3141, Level = LogLevel.Debug, Message = "A check-in was closed and its salt destroyed")]
    public static partial void CheckInClosed(this ILogger logger);

    [LoggerMessage(EventId = 3142, Level = LogLevel.Debug, Message = "A check-in changed while being closed; reading it again")]
    public static partial void CheckInCloseConflict(this ILogger logger);

    [LoggerMessage(EventId = 3143, Level = LogLevel.Warning,
        Message = "Finished an interrupted close or create: destroyed the leftover salt and index row of a check-in that is closed or missing")]
    public static partial void CheckInLeftoversDestroyed(this ILogger logger);

    [LoggerMessage(EventId = 3144, Level = LogLevel.Information,
        Message = "A check-in was not opened because another one is still open for the same installation")]
    public static partial void CheckInAlreadyOpen(this ILogger logger);

    [LoggerMessage(EventId = 3145, Level = LogLevel.Debug,
        Message = "Another instance claimed the installation's open check-in at the same moment; reading the claim again")]
    public static partial void OpenCheckInClaimConflict(this ILogger logger);
}
