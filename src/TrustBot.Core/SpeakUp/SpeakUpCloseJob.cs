using Microsoft.Extensions.Logging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Closes one speak-up prompt (the job's subject) at its closing time: marks it closed, destroys its salt (so
/// participation can never be recomputed) and queues the card's closed view. Planned by the launcher when the prompt
/// opens, and by <see cref="SpeakUpSweepJob"/> for one past its close without an entry. Ends once the prompt is closed.
/// </summary>
public sealed class SpeakUpCloseJob(ISpeakUpStore store, TimeProvider timeProvider, ILogger<SpeakUpCloseJob> logger) : IScheduledJob
{
    /// <summary>The timetable job kind; its subject is the session id.</summary>
    public const string JobKind = "speakup-close";

    public string Kind => JobKind;

    /// <summary>The close of <paramref name="session"/>, due at its closing time.</summary>
    public static TimetableEntry EntryFor(SpeakUpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new TimetableEntry(session.TenantId, session.InstallationKey, JobNames.For(JobKind, session.SessionId), session.ClosesAt);
    }

    public async Task<JobRun> RunAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var session = entry.Subject is { } sessionId ? await store.GetSessionAsync(entry.TenantId, sessionId, cancellationToken) : null;
        if (session is null || !string.Equals(session.InstallationKey, entry.InstallationKey, StringComparison.Ordinal))
        {
            return new JobRun([], null);
        }

        if (!session.IsClosed)
        {
            var now = timeProvider.GetUtcNow();
            if (now < session.ClosesAt)
            {
                return new JobRun([], session.ClosesAt);
            }

            if (await store.CloseSessionAsync(session.TenantId, session.SessionId, now, cancellationToken))
            {
                SpeakUpLog.SpeakUpSessionClosed(logger);
            }
        }

        // Also when it was closed before (a run cut off before it queued, or a close lost to another): the card's
        // closed view is keyed by the prompt alone, so it is made once whoever gets here.
        return new JobRun(session.ActivityId is null ? [] : [SpeakUpCardSender.ClosedView(session)], null);
    }
}
