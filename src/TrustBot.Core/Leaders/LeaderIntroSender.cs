using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Leaders;

/// <summary>
/// Sends a leader's introduction for the outbox worker: opens their private chat when it was never opened, and posts
/// the card with the team's first check-in and the leader's habit slot in the leader's zone. Nothing is sent (and the
/// send counts as done) when the leader or the team has gone meanwhile.
/// </summary>
public sealed class LeaderIntroSender(
    ILeaderStore leaders,
    LeaderRecipients recipients,
    ITimetable timetable,
    IBotMessenger messenger,
    IOptions<AnonymityOptions> anonymity,
    TimeProvider timeProvider,
    ILogger<LeaderIntroSender> logger) : IOutboundHandler
{
    private static readonly DeliveryResult NothingLeft = new(DeliveryOutcome.Delivered);

    public string Kind => OutboundKinds.LeaderIntro;

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        var (recipient, nothingToSend) = await recipients.FindAsync(send, cancellationToken);
        if (recipient is null)
        {
            return Nothing(nothingToSend);
        }

        var (leader, team, chat, opened) = recipient;
        if (chat is not { } address)
        {
            LeadersLog.IntroductionNotDelivered(logger, opened.Outcome);
            return opened;
        }

        var card = await BuildAsync(team, leader, cancellationToken);
        var result = await messenger.SendCardAsync(address, card, LeaderIntroCard.Summary, cancellationToken);
        if (result.IsDelivered)
        {
            LeadersLog.IntroductionSent(logger);
            return result;
        }

        LeadersLog.IntroductionNotDelivered(logger, result.Outcome);
        if (result.Outcome == DeliveryOutcome.RecipientGone)
        {
            await recipients.MarkGoneAsync(leader, cancellationToken);
        }

        return result;
    }

    private async Task<JsonObject> BuildAsync(Installation team, Leader leader, CancellationToken cancellationToken)
    {
        var others = new List<string>();
        await foreach (var other in leaders.ListForTeamAsync(team.TenantId, team.Key, cancellationToken))
        {
            if (other.UserId != leader.UserId)
            {
                others.Add(LeaderNames.IsNameless(other) ? "another leader" : other.Name!.Trim());
            }
        }

        var schedule = team.EffectiveSchedule;
        // The planned entry is the truth; computing it again covers an entry not planned (yet).
        var planned = await timetable.GetAsync(team.TenantId, team.Key, JobNames.CheckIn, cancellationToken);
        var firstCheckIn = planned?.DueAt ?? TeamTimetable.NextCheckIn(schedule, timeProvider.GetUtcNow());
        var zone = TimeZones.Resolve(leader.TimeZoneId, schedule.TimeZoneId);
        return LeaderIntroCard.Build(
            leader.Name,
            team.TeamName,
            others,
            firstCheckIn,
            schedule.CadenceWeeks,
            leader.NudgeSlot(schedule.TimeZoneId),
            zone,
            team.ThresholdOr(anonymity.Value.DefaultThreshold));
    }

    private DeliveryResult Nothing(string reason)
    {
        LeadersLog.NoIntroductionNeeded(logger, reason);
        return NothingLeft;
    }
}
