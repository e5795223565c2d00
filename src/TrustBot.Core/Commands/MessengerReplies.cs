using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Commands;

/// <summary>Replies to a message; a reply that cannot be delivered is logged (outcome only) and never thrown.</summary>
internal static class MessengerReplies
{
    public static async Task ReplyTextAsync(this IBotMessenger messenger, IncomingMessage message, string text, ILogger logger, CancellationToken cancellationToken)
    {
        var result = await messenger.SendTextAsync(message.ReplyAddress, text, cancellationToken);
        if (!result.IsDelivered)
        {
            CommandsLog.ReplyNotDelivered(logger, result.Outcome);
        }
    }

    public static async Task ReplyCardAsync(
        this IBotMessenger messenger, IncomingMessage message, JsonObject card, string summary, ILogger logger, CancellationToken cancellationToken)
    {
        var result = await messenger.SendCardAsync(message.ReplyAddress, card, summary, cancellationToken);
        if (!result.IsDelivered)
        {
            CommandsLog.ReplyNotDelivered(logger, result.Outcome);
        }
    }
}
