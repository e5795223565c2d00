using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Privacy;

/// <summary><c>privacy</c>: shows the privacy notice again, with the threshold in force where it is asked.</summary>
public sealed class PrivacyCommand(
    InstallationResolver installations,
    ThresholdsInForce thresholds,
    PrivacyNotice notice,
    MessageReplies replies) : ICommand
{
    public string Name => "privacy";

    public string Description => "What I store, what I never store, and who can see what.";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        // A personal chat belongs to no one team: it names the k of each team the person leads (else the default).
        var here = message.Kind == ConversationKind.Personal
            ? null
            : (await installations.ResolveAsync(message, string.Empty, cancellationToken)).Installation;
        var card = here is not null
            ? notice.Build(here)
            : notice.Build(message.Kind, message.Kind == ConversationKind.Personal ? await thresholds.HereAsync(message, cancellationToken) : thresholds.ServiceDefault);
        replies.Card(card, PrivacyCard.Summary);
    }
}
