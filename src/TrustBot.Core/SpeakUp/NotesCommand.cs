using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// <c>notes</c> in a leader's 1:1 chat: the anonymous notes of their team's prompts, only for prompts that at least
/// k different people answered, in random order.
/// </summary>
public sealed class NotesCommand(
    InstallationResolver installations,
    ISpeakUpStore store,
    IBallotBox ballots,
    IBotMessenger messenger,
    ILogger<NotesCommand> logger) : ICommand
{
    public string Name => "notes";

    public string Description => "Read your team's anonymous speak-up notes (leaders, in a chat with me).";

    public bool LeadersOnly => true;

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (message.Kind != ConversationKind.Personal)
        {
            await messenger.ReplyTextAsync(message, "Notes are shared privately with team leaders: send me **notes** in our 1:1 chat.", logger, cancellationToken);
            return;
        }

        var (team, problem) = await installations.ResolveAsync(message, context.Arguments, cancellationToken);
        if (team is null)
        {
            await messenger.ReplyTextAsync(message, problem!, logger, cancellationToken);
            return;
        }

        var answered = new List<(SpeakUpPrompt Prompt, IReadOnlyList<string> Notes)>();
        var threshold = 3;
        await foreach (var session in store.ListSessionsAsync(team.TenantId, team.Key, cancellationToken))
        {
            threshold = session.Threshold;
            var prompt = PromptLibrary.Default.Find(session.PromptId);
            var tally = await ballots.GetTallyAsync(session.TenantId, session.SessionId, cancellationToken);
            if (prompt is null || tally.Replies < session.Threshold)
            {
                continue;
            }

            var notes = new List<string>();
            await foreach (var note in store.ListNotesAsync(session.TenantId, session.SessionId, cancellationToken))
            {
                notes.Add(note.Text);
            }

            var shuffled = notes.ToArray();
            RandomNumberGenerator.Shuffle<string>(shuffled);
            answered.Add((prompt, shuffled));
        }

        var label = team.TeamName ?? "your team";
        var card = answered.Count == 0 ? NotesCard.NotEnoughYet(label, threshold) : NotesCard.Build(label, answered, threshold);
        var result = await messenger.SendCardAsync(message.ReplyAddress, card, "Anonymous notes from your team", cancellationToken);
        if (!result.IsDelivered)
        {
            CoreLog.ReplyNotDelivered(logger, result.Outcome);
        }
    }
}
