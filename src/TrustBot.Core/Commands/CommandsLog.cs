using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Commands;

// Event ids 2020-2021 and 2107 (2022 moved to DeliveryLog as 2437, now that replies are sent by the outbox). No ids, names or message text at any level.
internal static partial class CommandsLog
{
    [LoggerMessage(2020, LogLevel.Debug, "Running command {Command} in a {Kind} conversation")]
    public static partial void CommandRunning(ILogger logger, string command, ConversationKind kind);

    [LoggerMessage(2021, LogLevel.Debug, "Message in a {Kind} conversation named no known command")]
    public static partial void CommandNotUnderstood(ILogger logger, ConversationKind kind);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "A card action named an unknown verb")]
    public static partial void UnknownCardVerb(ILogger logger);
}
