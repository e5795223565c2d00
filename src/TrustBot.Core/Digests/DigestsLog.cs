using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Digests;

// Event ids 2600–2649. Never a user id, a name, a note or a number from a tally.
internal static partial class DigestsLog
{
    [LoggerMessage(2600, LogLevel.Information, "Digest occurrence planned with {Sends} sends")]
    public static partial void DigestPlanned(ILogger logger, int sends);

    [LoggerMessage(2601, LogLevel.Information, "Digest occurrence skipped: the team is paused")]
    public static partial void DigestPaused(ILogger logger);

    [LoggerMessage(2602, LogLevel.Debug, "Digest not sent: {Reason}")]
    public static partial void DigestNothingToDo(ILogger logger, string reason);

    [LoggerMessage(2603, LogLevel.Information, "Digest sent to a leader ({Outcome})")]
    public static partial void DigestSent(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(2604, LogLevel.Information, "Prediction action refused ({Reason})")]
    public static partial void PredictionRefused(ILogger logger, string reason);

    [LoggerMessage(2605, LogLevel.Information, "A leader saved a prediction ({Standing})")]
    public static partial void PredictionSaved(ILogger logger, PredictionStanding standing);
}
