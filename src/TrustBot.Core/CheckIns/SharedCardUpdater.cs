using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Messaging;
using TrustBot.Core.Questions;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Replaces the shared channel card with the check-in's published state. Called after a fold moved its counts (at
/// most once per fold time, so a burst of votes never floods the conversation) and at close; never for a single vote.
/// </summary>
public sealed class SharedCardUpdater(
    ICheckInStore checkIns,
    CheckInStatements checkInStatements,
    IBallotBox ballots,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    ILogger<SharedCardUpdater> logger)
{
    /// <summary>Replaces the shared card now with the current state of the check-in.</summary>
    public async Task UpdateNowAsync(CheckIn checkIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var current = await checkIns.GetAsync(checkIn.TenantId, checkIn.CheckInId, cancellationToken) ?? checkIn;
        if (current.ActivityId is null)
        {
            return;
        }

        var statements = await checkInStatements.ResolveAsync(current, cancellationToken);
        var tally = await ballots.GetTallyAsync(current.TenantId, current.CheckInId, cancellationToken);
        var card = current.IsOpenAt(timeProvider.GetUtcNow())
            ? CheckInCard.Ask(current, statements, await ballots.CountParticipantsAsync(current.TenantId, current.CheckInId, cancellationToken))
            : CheckInCard.Closed(current, CheckInScoring.Results(tally, statements, current.Threshold));
        var address = new ConversationAddress(current.TenantId, current.ServiceUrl, current.ConversationId);
        // The updater outlives requests; the messenger is per scope (it wraps a pooled HTTP client).
        await using var scope = scopes.CreateAsyncScope();
        var messenger = scope.ServiceProvider.GetRequiredService<IBotMessenger>();
        var result = await messenger.UpdateCardAsync(address, current.ActivityId, card, CheckInCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            CheckInsLog.SharedCardNotUpdated(logger, result.Outcome);
        }
    }
}
