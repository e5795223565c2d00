using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Gives every speak-up session its release job in the timetable: when it is launched, and again from the speak-up
/// sweep (<see cref="SpeakUpSweepJob"/>) for open sessions that have none (sessions from before notes were released in groups, or whose entry went with a
/// removed team's timetable), so that no accepted note waits for a release that never comes.
/// </summary>
public sealed class NoteReleasePlanner(
    ISpeakUpStore store,
    ITimetable timetable,
    IOptions<SpeakUpOptions> options,
    TimeProvider timeProvider,
    ILogger<NoteReleasePlanner> logger)
{
    /// <summary>Plans the release job of <paramref name="session"/>; an existing entry keeps its time.</summary>
    public Task PlanAsync(SpeakUpSession session, CancellationToken cancellationToken) =>
        timetable.AddIfMissingAsync(NoteReleases.FirstEntry(session, options.Value), cancellationToken);

    /// <summary>One pass over the open sessions; returns how many release jobs it had to add.</summary>
    public async Task<int> PlanMissingAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        await foreach (var session in store.ListOpenSessionsAsync(timeProvider.GetUtcNow(), cancellationToken))
        {
            try
            {
                // A read first: the common case is an entry that exists, and a read costs less than a refused write.
                var job = NoteReleases.JobName(session.SessionId);
                if (await timetable.GetAsync(session.TenantId, session.InstallationKey, job, cancellationToken) is null
                    && await timetable.AddIfMissingAsync(NoteReleases.FirstEntry(session, options.Value), cancellationToken))
                {
                    added++;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One session's trouble must not hold back the others; the next pass tries again.
                SpeakUpLog.ReleasePlanFailed(logger, exception.GetType().Name);
            }
        }

        if (added > 0)
        {
            SpeakUpLog.ReleasesPlanned(logger, added);
        }

        return added;
    }
}
