using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Starts a check-in in a team: picks the next statements, stores it with a fresh salt, posts the card. A team has
/// one open check-in at a time: while one is open, nothing is stored or posted and the open one is returned instead.
/// A stored check-in gets its close in the timetable (<see cref="CheckInCloseJob"/>).
/// </summary>
public sealed class CheckInLauncher(
    ICheckInStore store,
    ITimetable timetable,
    IBotMessenger messenger,
    IOptions<CheckInOptions> options,
    IOptions<AnonymityOptions> anonymity,
    TimeProvider timeProvider,
    ILogger<CheckInLauncher> logger)
{
    /// <summary>Launches a check-in and tells how its post ended, so that a scheduled send can be retried or settled.</summary>
    public async Task<Launched<CheckIn>> LaunchWithResultAsync(Installation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var number = 0;
        await foreach (var _ in store.ListForInstallationAsync(installation.TenantId, installation.Key, cancellationToken))
        {
            number++;
        }

        var catalog = installation.QuestionCatalog();
        var statementIds = StatementRotation.Pick(catalog, installation.Key, number, options.Value.StatementsPerCheckIn);
        var now = timeProvider.GetUtcNow();
        var checkIn = new CheckIn
        {
            TenantId = installation.TenantId,
            CheckInId = Guid.NewGuid().ToString("N"),
            InstallationKey = installation.Key,
            ConversationId = installation.ConversationId,
            ServiceUrl = installation.ServiceUrl,
            StatementIds = statementIds,
            Threshold = installation.ThresholdOr(anonymity.Value.DefaultThreshold),
            OpensAt = now,
            ClosesAt = now + options.Value.Duration,
        };
        if (await store.CreateAsync(checkIn, ParticipationHasher.NewSalt(), cancellationToken) is { } alreadyOpen)
        {
            CheckInsLog.CheckInAlreadyOpen(logger);
            return new Launched<CheckIn>(null, new DeliveryResult(DeliveryOutcome.Delivered)) { AlreadyOpen = alreadyOpen };
        }

        await PlanCloseAsync(checkIn, cancellationToken);
        var statements = statementIds.Select(id => catalog.Find(id)!).ToList();
        var card = CheckInCard.Ask(checkIn, statements, replies: 0);
        var address = installation.Address;
        var result = await messenger.SendCardAsync(address, card, CheckInCard.Summary, cancellationToken);
        if (!result.IsDelivered || result.ActivityId is null)
        {
            // A check-in nobody can see must not stay open (or keep its salt).
            CheckInsLog.CheckInNotPosted(logger, result.Outcome);
            await store.CloseAsync(checkIn.TenantId, checkIn.CheckInId, now, cancellationToken);
            return new Launched<CheckIn>(null, result);
        }

        await store.SetActivityIdAsync(checkIn.TenantId, checkIn.CheckInId, result.ActivityId, cancellationToken);
        CheckInsLog.CheckInPosted(logger, statementIds.Count);
        return new Launched<CheckIn>(checkIn with { ActivityId = result.ActivityId }, result);
    }

    private async Task PlanCloseAsync(CheckIn checkIn, CancellationToken cancellationToken)
    {
        try
        {
            await timetable.AddIfMissingAsync(CheckInCloseJob.EntryFor(checkIn), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The check-in is stored: failing now would leave it open unposted, and a retry would find it open and post
            // nothing. The closing sweep plans the close of any open check-in past its time that has none.
            CheckInsLog.CloseNotPlanned(logger, exception.GetType().Name);
        }
    }
}
