using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Nudges;

// Event ids 2500-2599. No user ids, names, habit text or message text at any level.
internal static partial class NudgesLog
{
    [LoggerMessage(2500, LogLevel.Debug, "Nudge job dropped: {Reason}")]
    public static partial void JobDropped(ILogger logger, string reason);

    [LoggerMessage(2501, LogLevel.Information, "Nudge skipped while the team is paused")]
    public static partial void SkippedWhilePaused(ILogger logger);

    [LoggerMessage(2502, LogLevel.Debug, "Nudge send needs nothing more: {Reason}")]
    public static partial void NothingToSend(ILogger logger, string reason);

    [LoggerMessage(2503, LogLevel.Information, "No habit left to suggest to a leader; nothing sent")]
    public static partial void NoHabitLeft(ILogger logger);

    [LoggerMessage(2504, LogLevel.Information, "Nudge sent ({Reason})")]
    public static partial void Sent(ILogger logger, string reason);

    [LoggerMessage(2505, LogLevel.Warning, "Nudge not delivered ({Outcome})")]
    public static partial void NotDelivered(ILogger logger, DeliveryOutcome outcome);

    [LoggerMessage(2506, LogLevel.Information, "A leader can no longer be reached; no more nudges are tried")]
    public static partial void LeaderUnreachable(ILogger logger);

    [LoggerMessage(2507, LogLevel.Information, "Refused a nudge action ({Reason}); nothing was written")]
    public static partial void ActionRefused(ILogger logger, string reason);

    [LoggerMessage(2508, LogLevel.Information, "Nudge answered: {Response}")]
    public static partial void Answered(ILogger logger, NudgeResponse response);

    [LoggerMessage(2509, LogLevel.Debug, "Nudge already answered ({Response}); view shown again")]
    public static partial void AlreadyAnswered(ILogger logger, NudgeResponse response);

    [LoggerMessage(2510, LogLevel.Information, "Nudge reminder queued for tomorrow")]
    public static partial void ReminderQueued(ILogger logger);

    [LoggerMessage(2511, LogLevel.Debug, "A leader's time zone changed and was stored")]
    public static partial void TimeZoneStored(ILogger logger);

    [LoggerMessage(2512, LogLevel.Information, "A leader's last nudges went unanswered; the next one waits two weeks from the last")]
    public static partial void BackedOff(ILogger logger);
}
