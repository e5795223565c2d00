using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Anonymity;

/// <summary>
/// Log lines of the ballot box and the fold (3100–3139). No participation hash, answer, id or key is ever logged,
/// at any level; counts of ballots folded carry no answer.
/// </summary>
internal static partial class AnonymityStorageLog
{
    // Ballots (3100–3139)

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Folded {Ballots} waiting ballots into the counts of {Boxes} ballot boxes")]
    public static partial void BallotsFolded(this ILogger logger, int ballots, int boxes);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "A fold met a concurrent fold of the same ballot box (attempt {Attempt}); reading the counts again")]
    public static partial void FoldConflict(this ILogger logger, int attempt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "A pending-ballot message that is not a ballot was deleted")]
    public static partial void UnreadableBallotDropped(this ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Dropped {Ballots} waiting ballots of a ballot box that was erased")]
    public static partial void ErasedBoxBallotsDropped(this ILogger logger, int ballots);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "A ballot could not be stored; its participation was withdrawn so the person can try again")]
    public static partial void BallotWithdrawn(this ILogger logger);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Error,
        Message = "A ballot could not be stored and its participation could not be withdrawn ({ExceptionType}); that person cannot vote again in this check-in")]
    public static partial void BallotWithdrawFailed(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Folding one ballot box failed ({ExceptionType}); its ballots wait for the next fold")]
    public static partial void BoxFoldFailed(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Pending-ballot queue ready")]
    public static partial void PendingBallotQueueReady(this ILogger logger);
}
