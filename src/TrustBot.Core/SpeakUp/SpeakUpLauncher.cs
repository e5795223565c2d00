using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Posts the next speak-up prompt into a team's channel, with a fresh participation salt, and plans its note releases
/// and its close in the timetable.
/// </summary>
public sealed class SpeakUpLauncher(
    ISpeakUpStore store,
    NoteReleasePlanner releases,
    ITimetable timetable,
    IBotMessenger messenger,
    IOptions<SpeakUpOptions> options,
    IOptions<AnonymityOptions> anonymity,
    TimeProvider timeProvider,
    ILogger<SpeakUpLauncher> logger)
{
    /// <summary>Posts the next prompt; null when its card could not be posted.</summary>
    public async Task<SpeakUpSession?> LaunchAsync(Installation installation, CancellationToken cancellationToken) =>
        (await LaunchWithResultAsync(installation, cancellationToken)).Item;

    /// <summary>Posts the next prompt and tells how its post ended, so that a scheduled send can be retried or settled.</summary>
    public async Task<Launched<SpeakUpSession>> LaunchWithResultAsync(Installation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var number = 0;
        await foreach (var _ in store.ListSessionsAsync(installation.TenantId, installation.Key, cancellationToken))
        {
            number++;
        }

        var prompt = PromptLibrary.Default.Pick(installation.Key, number);
        var now = timeProvider.GetUtcNow();
        var session = new SpeakUpSession
        {
            TenantId = installation.TenantId,
            SessionId = Guid.NewGuid().ToString("N"),
            InstallationKey = installation.Key,
            PromptId = prompt.Id,
            ConversationId = installation.ConversationId,
            ServiceUrl = installation.ServiceUrl,
            Threshold = installation.ThresholdOr(anonymity.Value.DefaultThreshold),
            OpensAt = now,
            ClosesAt = now + options.Value.SessionDuration,
        };
        // The release and close jobs first: a session whose jobs failed to be planned would wait for the speak-up sweep
        // to notice, while a job whose session failed to be stored just ends on its first run.
        await releases.PlanAsync(session, cancellationToken);
        await timetable.AddIfMissingAsync(SpeakUpCloseJob.EntryFor(session), cancellationToken);
        await store.CreateSessionAsync(session, ParticipationHasher.NewSalt(), cancellationToken);

        var address = installation.Address;
        var result = await messenger.SendCardAsync(address, SpeakUpCard.Ask(session, prompt), SpeakUpCard.Summary, cancellationToken);
        if (!result.IsDelivered || result.ActivityId is null)
        {
            SpeakUpLog.SpeakUpNotPosted(logger, result.Outcome);
            return new Launched<SpeakUpSession>(null, result);
        }

        await store.SetActivityIdAsync(session.TenantId, session.SessionId, result.ActivityId, cancellationToken);
        SpeakUpLog.SpeakUpPosted(logger);
        return new Launched<SpeakUpSession>(session with { ActivityId = result.ActivityId }, result);
    }
}
