using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Queues a leader's one-time introduction through the outbox, so that it is paced, retried and sent once like every
/// other proactive message. Keyed per person and team: a leader is introduced to a team once for as long as the team's
/// data is kept, whatever install events repeat.
/// </summary>
public sealed class LeaderIntroductions(IIdempotencyStore idempotency, IOutbox outbox, ILogger<LeaderIntroductions> logger)
{
    /// <summary>The idempotency key of <paramref name="leader"/>'s introduction; it names the team, so retention erases it with the team.</summary>
    public static string KeyFor(Leader leader)
    {
        ArgumentNullException.ThrowIfNull(leader);
        return $"{OutboundKinds.LeaderIntro}:{leader.TenantId}:{leader.TeamKey}:{leader.UserId}";
    }

    /// <summary>Queues the introduction unless it was queued before and has been sent or given up.</summary>
    public async Task QueueAsync(Leader leader, CancellationToken cancellationToken)
    {
        var key = KeyFor(leader);
        var send = new OutboundSend(key, OutboundKinds.LeaderIntro, leader.TenantId, leader.TeamKey, leader.UserId, PayloadJson: "{}");
        if (!await idempotency.TryBeginAsync(key, cancellationToken))
        {
            // Begun before: sent or given up (nothing to do), or begun by a call that died before it queued. A pending
            // send queued twice is harmless: the worker sends one copy and skips the other as done.
            var record = await idempotency.GetAsync(key, cancellationToken);
            if (record is not null && record.State != IdempotencyStates.Pending)
            {
                LeadersLog.AlreadyIntroduced(logger);
                return;
            }
        }

        await outbox.EnqueueAsync(send, delay: null, cancellationToken);
        LeadersLog.IntroductionQueued(logger);
    }
}
