using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Commands;

/// <summary>Posts the help card, listing every registered command.</summary>
public sealed class HelpCommand(IBotMessenger messenger, ILogger<HelpCommand> logger) : ICommand
{
    public const string CommandName = "help";

    public string Name => CommandName;

    public string Description => "Show what I can do and the commands I understand.";

    public IReadOnlyCollection<string> Aliases { get; } = ["hi", "hello", "hey"];

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var card = HelpCard.Build(context.Commands, context.Message.Kind);
        var result = await messenger.SendCardAsync(context.Message.ReplyAddress, card, HelpCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            CoreLog.ReplyNotDelivered(logger, result.Outcome);
        }
    }
}
