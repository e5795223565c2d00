using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Commands;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// <c>notes</c> in a leader's 1:1 chat: the released anonymous notes of their team's prompts, in random order. Notes
/// are released in groups of at least k (<see cref="NoteReleaseJob"/>), so between releases this shows the same set,
/// and it says so.
/// </summary>
public sealed class NotesCommand(
    InstallationResolver installations,
    ISpeakUpStore store,
    MessageReplies replies,
    IOptions<AnonymityOptions> anonymity) : ICommand
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
            replies.Text("Notes are shared privately with team leaders: send me **notes** in our 1:1 chat.");
            return;
        }

        var (team, problem) = await installations.ResolveAsync(message, context.Arguments, cancellationToken);
        if (team is null)
        {
            replies.Text(problem!);
            return;
        }

        var answered = new List<(SpeakUpPrompt Prompt, IReadOnlyList<string> Notes)>();
        int? threshold = null;
        await foreach (var session in store.ListSessionsAsync(team.TenantId, team.Key, cancellationToken))
        {
            // Newest first: the newest prompt's k is the one the team's notes are being released by now.
            threshold ??= session.Threshold;
            var prompt = PromptLibrary.Default.Find(session.PromptId);
            if (prompt is null)
            {
                continue;
            }

            // Only released notes: a held one would show the set change by a single note.
            var notes = new List<string>();
            await foreach (var note in store.ListNotesAsync(session.TenantId, session.SessionId, cancellationToken))
            {
                if (note.IsReleased)
                {
                    notes.Add(note.Text);
                }
            }

            if (notes.Count > 0)
            {
                var shuffled = notes.ToArray();
                RandomNumberGenerator.Shuffle<string>(shuffled);
                answered.Add((prompt, shuffled));
            }
        }

        var label = team.TeamName ?? "your team";
        var k = threshold ?? team.ThresholdOr(anonymity.Value.DefaultThreshold);
        var card = answered.Count == 0 ? NotesCard.NotEnoughYet(label, k) : NotesCard.Build(label, answered, k);
        replies.Card(card, NotesCard.Summary);
    }
}
