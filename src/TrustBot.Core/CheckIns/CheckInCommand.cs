using TrustBot.Core.Commands;
using TrustBot.Core.Launching;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// <c>checkin</c> in a team channel, or <c>checkin &lt;team&gt;</c> in a leader's 1:1 chat: post a check-in now,
/// unless one is still open for the team; then say when that one closes. The card is posted at once, while the message
/// is handled, because its activity id is stored for the updates that follow; the answer to the person is a queued reply.
/// </summary>
public sealed class CheckInCommand(
    InstallationResolver installations,
    CheckInLauncher launcher,
    LaunchGate gate,
    LeaderZones zones,
    MessageReplies replies) : ICommand
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
            replies.Text(problem!);
            return;
        }

        var (launched, refusal) = await gate.LaunchAsync(
            message, installation, "a check-in", ct => launcher.LaunchWithResultAsync(installation, ct), l => l.Item is not null, cancellationToken);
        if (launched is null)
        {
            replies.Text(refusal!);
            return;
        }

        var team = installation.TeamName ?? "your team";
        string? reply;
        if (launched.AlreadyOpen is { } open)
        {
            var closes = ZonedTime.WithZone(open.ClosesAt, await zones.ForAsync(message, installation, cancellationToken));
            reply = $"A check-in is already open in **{team}** until {closes}. A team has one check-in open at a time, so I didn't start another.";
        }
        else if (launched.Item is not { } checkIn)
        {
            reply = "I couldn't post the check-in just now. Please try again in a few minutes.";
        }
        else
        {
            // In the channel the card itself is the answer.
            reply = message.Kind == ConversationKind.Personal
                ? $"Done: a check-in is open in **{team}** until {ZonedTime.WithZone(checkIn.ClosesAt, await zones.ForAsync(message, installation, cancellationToken))}."
                : null;
        }

        if (reply is not null)
        {
            replies.Text(reply);
        }
    }
}
