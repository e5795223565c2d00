using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Ballots;

/// <summary>
/// Log lines of the ballot and check-in stores (3100–3199). No participation hash, answer or count is ever logged,
/// at any level; tenant and check-in ids stay at Debug.
/// </summary>
internal static partial class BallotStorageLog
{
    // Ballots (3100–3139)

    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug,
        Message = "A vote in ballot box {BallotBoxId} met a concurrent vote in its shard (attempt {Attempt}); retrying")]
    public static partial void BallotWriteConflict(this ILogger logger, string ballotBoxId, int attempt);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "A vote was not written: {Attempts} attempts in a row met concurrent votes in the same shard")]
    public static partial void BallotWriteGaveUp(this ILogger logger, int attempts);

    // Check-ins (3140–3179)

    [LoggerMessage(EventId = 3140, Level = LogLevel.Debug, Message = "Check-in {CheckInId} in tenant {TenantId} created")]
    public static partial void CheckInCreated(this ILogger logger, string tenantId, string checkInId);

    [LoggerMessage(EventId = 3141, Level = LogLevel.Debug, Message = "Check-in {CheckInId} in tenant {TenantId} closed and its salt destroyed")]
    public static partial void CheckInClosed(this ILogger logger, string tenantId, string checkInId);

    [LoggerMessage(EventId = 3142, Level = LogLevel.Debug,
        Message = "Check-in {CheckInId} in tenant {TenantId} changed while being closed; reading it again")]
    public static partial void CheckInCloseConflict(this ILogger logger, string tenantId, string checkInId);

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
