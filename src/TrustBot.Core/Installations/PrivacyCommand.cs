using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Installations;

/// <summary><c>privacy</c>: shows the privacy notice again, with the threshold in force where it is asked.</summary>
public sealed class PrivacyCommand(
    InstallationResolver installations,
    PrivacyNotice notice,
    IBotMessenger messenger,
    ILogger<PrivacyCommand> logger) : ICommand
{
    public string Name => "privacy";

    public string Description => "What I store, what I never store, and who can see what.";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        // A personal chat belongs to no one team, so it gets the service default threshold.
        var here = message.Kind == ConversationKind.Personal
            ? null
            : (await installations.ResolveAsync(message, string.Empty, cancellationToken)).Installation;
        var card = here is null ? notice.Build(message.Kind) : notice.Build(here);
        var result = await messenger.SendCardAsync(message.ReplyAddress, card, PrivacyCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            CoreLog.ReplyNotDelivered(logger, result.Outcome);
        }
    }
}
