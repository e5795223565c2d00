using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Commands;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Outages;

namespace TrustBot.Core.Help;

/// <summary>
/// Posts the help card with the commands the person asking can use: leader-only commands appear for leaders only
/// (of this team in its channel; of any team elsewhere). The promise names the k in force there.
/// </summary>
public sealed class HelpCommand(MessageReplies replies, PersonLeadership leadership, ThresholdsInForce thresholds, ILogger<HelpCommand> logger) : ICommand
{
    public const string CommandName = MessageHandler.HelpWord;

    public string Name => CommandName;

    public string Description => "Show what I can do and the commands I understand.";

    public IReadOnlyCollection<string> Aliases { get; } = ["hi", "hello", "hey"];

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var leads = context.Commands.Any(command => command.LeadersOnly) && await LeadsAsync(message, cancellationToken);
        var available = context.Commands.Where(command => leads || !command.LeadersOnly);
        var card = HelpCard.Build(available, message.Kind, await ThresholdsAsync(message, cancellationToken));
        replies.Card(card, HelpCard.Summary);
    }

    private async Task<AnonymityThresholds> ThresholdsAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await thresholds.HereAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Help must always answer; without the team's own k it names the service default.
            HelpLog.HelpThresholdUnknown(logger, exception.GetType().Name);
            return thresholds.ServiceDefault;
        }
    }

    private async Task<bool> LeadsAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.FromId) && string.IsNullOrEmpty(message.FromAadObjectId))
        {
            return false;
        }

        try
        {
            foreach (var leader in await leadership.ListAsync(message.TenantId, message.FromId, message.FromAadObjectId, cancellationToken))
            {
                if (message.Kind != ConversationKind.Channel || string.Equals(leader.TeamKey, message.TeamId, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception exception) when (exception is not StorageUnavailableException
            && (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // Help must always answer; a person who can't be checked sees what everyone may use. A storage outage is
            // the exception: then the person is told so, as for every other command, instead of a help card that hides
            // their leader commands without saying why.
            HelpLog.HelpLeadershipUnknown(logger, exception.GetType().Name);
            return false;
        }
    }
}
