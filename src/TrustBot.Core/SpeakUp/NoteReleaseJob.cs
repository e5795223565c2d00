using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// One session's note releases, run by the scheduler every <see cref="SpeakUpOptions.ReleaseInterval"/> under the
/// occurrence lease: releases the held notes in groups of at least k (<see cref="NoteReleasePolicy"/>), records each
/// group durably in one atomic, conditional step, and hands the channel posts of new groups to the outbox (teams that
/// share notes there). Ends once no late note can land any more.
/// </summary>
public sealed class NoteReleaseJob(
    ISpeakUpStore store,
    IInstallationStore installations,
    IOptions<SpeakUpOptions> options,
    TimeProvider timeProvider,
    ILogger<NoteReleaseJob> logger) : IScheduledJob
{
    // A conflict means another instance changed the record meanwhile; a fresh read settles it, and the next run retries.
    private const int MaxCommits = 16;

    public string Kind => NoteReleases.JobKind;

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var session = entry.Subject is { } sessionId ? await store.GetSessionAsync(entry.TenantId, sessionId, cancellationToken) : null;
        if (session is null || !string.Equals(session.InstallationKey, entry.InstallationKey, StringComparison.Ordinal))
        {
            return new JobRun([], null);
        }

        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var finalAt = NoteReleasePolicy.FinalReleaseAt(session, settings);
        var state = await ReleaseDueAsync(session, entry.DueAt, now, final: now >= finalAt, cancellationToken);

        var team = await installations.GetAsync(session.TenantId, session.InstallationKey, cancellationToken);
        var sends = team is { IsActiveTeam: true, ShareNotesInChannel: true } ? Posts(session, state, entry.DueAt) : [];

        if (now >= NoteReleasePolicy.WatchUntil(session, settings))
        {
            var held = state.HeldNoteIds.Count;
            if (held > 0)
            {
                SpeakUpLog.NotesWithheld(logger, held);
            }

            return new JobRun(sends, null);
        }

        // The final release runs at its fixed time, not at whatever look happens to come after it.
        var next = now + settings.ReleaseInterval;
        return new JobRun(sends, now < finalAt && next > finalAt ? finalAt : next);
    }

    /// <summary>Releases every group due and moves the posting marks on; returns the state after.</summary>
    private async Task<NoteReleaseState> ReleaseDueAsync(
        SpeakUpSession session, DateTimeOffset dueAt, DateTimeOffset now, bool final, CancellationToken cancellationToken)
    {
        var k = AnonymityThresholds.EffectiveThreshold(session.Threshold);
        var state = await store.GetReleaseStateAsync(session.TenantId, session.SessionId, cancellationToken);
        for (var commit = 0; commit < MaxCommits; commit++)
        {
            var group = NoteReleasePolicy.NextGroup(state.HeldNoteIds, state.ReleasedCount, k, final);
            var releases = group.Count > 0 ? state.Releases + 1 : state.Releases;
            var queued = state.Posting.QueuedAsOf(dueAt);
            // Releases after the queued ones are handed over in this occurrence; the next occurrence knows them queued.
            var posting = releases > queued ? new NotePosting(queued, releases, dueAt) : new NotePosting(queued, queued, null);
            if (group.Count == 0 && posting == state.Posting)
            {
                return state;
            }

            if (await store.CommitReleaseAsync(state, new NoteReleaseUpdate(session.InstallationKey, group, now, posting), cancellationToken))
            {
                if (group.Count > 0)
                {
                    SpeakUpLog.NotesReleased(logger, group.Count, final);
                }
            }
            else
            {
                SpeakUpLog.ReleaseConflict(logger);
            }

            state = await store.GetReleaseStateAsync(session.TenantId, session.SessionId, cancellationToken);
        }

        return state;
    }

    /// <summary>One send per page of each group not yet known queued.</summary>
    private static List<OutboundSend> Posts(SpeakUpSession session, NoteReleaseState state, DateTimeOffset dueAt)
    {
        var prompt = PromptLibrary.Default.Find(session.PromptId)?.Text;
        var sends = new List<OutboundSend>();
        for (var release = state.Posting.QueuedAsOf(dueAt) + 1; release <= state.Releases; release++)
        {
            var pages = NoteReleaseCard.Pages(prompt, NoteReleases.TextsOf(state.Notes, release), session.Threshold).Count;
            for (var page = 0; page < pages; page++)
            {
                sends.Add(NoteReleases.Post(session, release, page));
            }
        }

        return sends;
    }
}
