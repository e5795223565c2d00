using Microsoft.Extensions.Logging;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.CheckIns;

/// <summary><c>checkin</c> in a team channel, or <c>checkin &lt;team&gt;</c> in a leader's 1:1 chat: post a check-in now.</summary>
public sealed class CheckInCommand(
    InstallationResolver installations,
    CheckInLauncher launcher,
    IBotMessenger messenger,
    ILogger<CheckInCommand> logger) : ICommand
{
    public string Name => "checkin";

    public string Description => "Post a short anonymous check-in for the team now (in a chat with me: `checkin <team>`).";

    public IReadOnlyCollection<string> Aliases { get; } = ["check-in"];

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var (installation, problem) = await installations.ResolveAsync(message, context.Arguments, cancellationToken);
        if (installation is null)
        {
            await messenger.ReplyTextAsync(message, problem!, logger, cancellationToken);
            return;
        }

        var checkIn = await launcher.LaunchAsync(installation, cancellationToken);
        if (checkIn is null)
        {
            await messenger.ReplyTextAsync(message, "I couldn't post the check-in just now. Please try again in a few minutes.", logger, cancellationToken);
        }
        else if (message.Kind == ConversationKind.Personal)
        {
            await messenger.ReplyTextAsync(message, $"Done: a check-in is open in **{installation.TeamName ?? "your team"}** until {checkIn.ClosesAt:ddd d MMM HH:mm} UTC.", logger, cancellationToken);
        }
    }
}
