using TrustBot.Core.Commands;
using TrustBot.Core.Launching;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// <c>speakup</c> in a team channel (or <c>speakup &lt;team&gt;</c> in a leader's 1:1 chat): post a speak-up prompt now. The
/// prompt is posted at once, because its activity id is stored to close it later; the answer to the person is a queued reply.
/// </summary>
public sealed class SpeakUpCommand(
    InstallationResolver installations,
    SpeakUpLauncher launcher,
    LaunchGate gate,
    MessageReplies replies) : ICommand
{
    public string Name => "speakup";

    public string Description => "Post an open question people can answer anonymously (in a chat with me: `speakup <team>`).";

    public IReadOnlyCollection<string> Aliases { get; } = ["speak-up"];

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var (installation, problem) = await installations.ResolveAsync(message, context.Arguments, cancellationToken);
        string? reply = problem;
        if (installation is not null)
        {
            var (session, refusal) = await gate.LaunchAsync(
                message, installation, "a speak-up", ct => launcher.LaunchAsync(installation, ct), s => s is not null, cancellationToken);
            reply = refusal ?? (session is null
                ? "I couldn't post the prompt just now. Please try again in a few minutes."
                : message.Kind == ConversationKind.Personal ? $"Done: a speak-up prompt is open in **{installation.TeamName ?? "your team"}**." : null);
        }

        if (reply is not null)
        {
            replies.Text(reply);
        }
    }
}
