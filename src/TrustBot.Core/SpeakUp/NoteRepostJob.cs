using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// For teams that chose to share notes in their channel: re-posts each stored note of an open prompt once, as
/// "A teammate shared: …", but only after at least k different people answered that prompt. Notes of one pass go
/// out in random order, so their order says nothing about when they were written.
/// </summary>
public sealed class NoteRepostJob(
    ISpeakUpStore store,
    IInstallationStore installations,
    IBallotBox ballots,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    ILogger<NoteRepostJob> logger)
{
    /// <summary>One pass over every open prompt; returns how many notes were re-posted.</summary>
    public async Task<int> RepostDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var teams = new Dictionary<(string TenantId, string Key), Installation?>();
        var reposted = 0;
        await foreach (var session in store.ListOpenSessionsAsync(now, cancellationToken))
        {
            var id = (session.TenantId, session.InstallationKey);
            if (!teams.TryGetValue(id, out var team))
            {
                team = await installations.GetAsync(session.TenantId, session.InstallationKey, cancellationToken);
                teams[id] = team;
            }

            if (team is not { IsActiveTeam: true, ShareNotesInChannel: true })
            {
                continue;
            }

            try
            {
                reposted += await RepostSessionAsync(team, session, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One prompt's trouble (a storage hiccup, a broken conversation) must not hold back the others.
                CoreLog.NoteRepostFailed(logger, ex.GetType().Name);
            }
        }

        if (reposted > 0)
        {
            CoreLog.NotesReposted(logger, reposted);
        }

        return reposted;
    }

    private async Task<int> RepostSessionAsync(Installation team, SpeakUpSession session, CancellationToken cancellationToken)
    {
        // Below k nothing about the prompt's notes may reach the channel, not even that one exists.
        var tally = await ballots.GetTallyAsync(session.TenantId, session.SessionId, cancellationToken);
        if (tally.Replies < session.Threshold)
        {
            return 0;
        }

        var pending = new List<Note>();
        await foreach (var note in store.ListNotesAsync(session.TenantId, session.SessionId, cancellationToken))
        {
            if (!note.Reposted)
            {
                pending.Add(note);
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        var batch = pending.ToArray();
        RandomNumberGenerator.Shuffle<Note>(batch);
        var address = new ConversationAddress(session.TenantId, team.ServiceUrl, session.ConversationId, team.BotId);
        // The job outlives requests; the messenger is per scope (it wraps a pooled HTTP client).
        await using var scope = scopes.CreateAsyncScope();
        var messenger = scope.ServiceProvider.GetRequiredService<IBotMessenger>();
        var posted = 0;
        foreach (var note in batch)
        {
            var result = await messenger.SendTextAsync(address, NotesRepost.Text(note.Text), cancellationToken);
            if (!result.IsDelivered)
            {
                // Throttled or refused: the rest waits for the next pass rather than pressing on.
                CoreLog.NoteRepostNotDelivered(logger, result.Outcome);
                break;
            }

            // Marked only after delivery, so a failed send is tried again and a delivered one is never sent twice.
            await store.MarkRepostedAsync(note.TenantId, note.SessionId, note.NoteId, cancellationToken);
            posted++;
        }

        return posted;
    }
}
