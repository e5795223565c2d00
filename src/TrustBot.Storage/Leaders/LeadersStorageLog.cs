using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Leaders;

// Event ids 3350–3399 (3300–3349 were already taken by delivery storage). No ids or names: leaders are people.
internal static partial class LeadersStorageLog
{
    [LoggerMessage(EventId = 3350, Level = LogLevel.Debug, Message = "A leader was stored")]
    public static partial void LeaderAdded(this ILogger logger);

    [LoggerMessage(EventId = 3351, Level = LogLevel.Debug, Message = "The person already leads the team; nothing was stored")]
    public static partial void LeaderAlreadyStored(this ILogger logger);

    [LoggerMessage(EventId = 3352, Level = LogLevel.Debug, Message = "A leader was removed")]
    public static partial void LeaderRemoved(this ILogger logger);

    [LoggerMessage(EventId = 3353, Level = LogLevel.Debug, Message = "An update named a leader who is no longer stored; nothing was written")]
    public static partial void UpdateOfRemovedLeader(this ILogger logger);
}
