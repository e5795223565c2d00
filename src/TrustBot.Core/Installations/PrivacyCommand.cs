using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Installations;

/// <summary><c>privacy</c>: shows the privacy notice again, with the threshold in force where it is asked.</summary>
public sealed class PrivacyCommand(
    IInstallationStore installations,
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
        var key = message.Kind switch
        {
            ConversationKind.Channel => message.TeamId,
            ConversationKind.GroupChat => message.ConversationId,
            _ => null,
        };
        var here = key is null ? null : await installations.GetAsync(message.TenantId, key, cancellationToken);
        var card = here is { Status: InstallationStatus.Active } ? notice.Build(here) : notice.Build(message.Kind);
        var result = await messenger.SendCardAsync(message.ReplyAddress, card, PrivacyCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            CoreLog.ReplyNotDelivered(logger, result.Outcome);
        }
    }
}
