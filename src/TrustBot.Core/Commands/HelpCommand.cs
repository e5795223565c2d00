using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Outages;

namespace TrustBot.Core.Commands;

/// <summary>
/// Posts the help card with the commands the person asking can use: leader-only commands appear for leaders only
/// (of this team in its channel; of any team elsewhere).
/// </summary>
public sealed class HelpCommand(IBotMessenger messenger, ILeaderStore leaders, ILogger<HelpCommand> logger) : ICommand
{
    public const string CommandName = "help";

    public string Name => CommandName;

    public string Description => "Show what I can do and the commands I understand.";

    public IReadOnlyCollection<string> Aliases { get; } = ["hi", "hello", "hey"];

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var leads = context.Commands.Any(command => command.LeadersOnly) && await LeadsAsync(message, cancellationToken);
        var available = context.Commands.Where(command => leads || !command.LeadersOnly);
        var card = HelpCard.Build(available, message.Kind);
        var result = await messenger.SendCardAsync(message.ReplyAddress, card, HelpCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            CoreLog.ReplyNotDelivered(logger, result.Outcome);
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
            await foreach (var leader in leaders.ListForPersonAsync(message.TenantId, message.FromId, message.FromAadObjectId, cancellationToken))
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
            CoreLog.HelpLeadershipUnknown(logger, exception.GetType().Name);
            return false;
        }
    }
}
