using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Digests;

// Event ids 3600–3699. Never a user id or a predicted value.
internal static partial class DigestsStorageLog
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Debug, Message = "A prediction was stored")]
    public static partial void PredictionSaved(this ILogger logger);
}
