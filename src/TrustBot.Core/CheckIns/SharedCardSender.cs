using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;
using TrustBot.Core.Messaging;
using TrustBot.Core.Questions;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// Replaces the shared channel card with the check-in's published state as it is when the send is made (so a late or
/// retried refresh never shows an older state than an earlier one). Queued after a fold moved its counts (at most once
/// per fold time, so a burst of votes never floods the conversation) and at close; never for a single vote.
/// </summary>
public sealed class SharedCardSender(
    ICheckInStore checkIns,
    CheckInStatements checkInStatements,
    IBallotBox ballots,
    IBotMessenger messenger,
    TimeProvider timeProvider,
    ILogger<SharedCardSender> logger) : IOutboundHandler
{
    public string Kind => SharedCards.SendKind;

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var checkInId = SharedCards.ReadCheckInId(send.PayloadJson);
        var current = checkInId is null ? null : await checkIns.GetAsync(send.TenantId, checkInId, cancellationToken);
        if (current?.ActivityId is null)
        {
            // Nothing to update: the card was never posted, or the check-in was erased with its team.
            return new DeliveryResult(DeliveryOutcome.Delivered);
        }

        var statements = await checkInStatements.ResolveAsync(current, cancellationToken);
        var tally = await ballots.GetTallyAsync(current.TenantId, current.CheckInId, cancellationToken);
        var card = current.IsOpenAt(timeProvider.GetUtcNow())
            ? CheckInCard.Ask(current, statements, await ballots.CountParticipantsAsync(current.TenantId, current.CheckInId, cancellationToken))
            : CheckInCard.Closed(current, CheckInScoring.Results(tally, statements, current.Threshold));
        var address = new ConversationAddress(current.TenantId, current.ServiceUrl, current.ConversationId);
        var result = await messenger.UpdateCardAsync(address, current.ActivityId, card, CheckInCard.Summary, cancellationToken);
        if (!result.IsDelivered)
        {
            CheckInsLog.SharedCardNotUpdated(logger, result.Outcome);
        }

        return result;
    }
}
