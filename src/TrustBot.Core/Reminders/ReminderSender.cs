using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Delivery;
using TrustBot.Core.Installations;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Reminders;

/// <summary>
/// Sends the check-in reminder privately to each member who has not answered yet, once. Who has answered is
/// recomputed member by member from participation hashes over the live roster, never kept as a list; each member's
/// send is recorded only under a keyed hash (see <see cref="ReminderKeys"/>), so a retry skips those already reminded.
/// </summary>
public sealed class ReminderSender(
    ICheckInStore checkIns,
    IInstallationStore installations,
    IBallotBox ballots,
    ParticipationHasher hasher,
    IIdempotencyStore idempotency,
    IBotMessenger messenger,
    TimeProvider timeProvider,
    ILogger<ReminderSender> logger) : IOutboundHandler
{
    public string Kind => OutboundKinds.Reminder;

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var checkInId = CheckInId(send.PayloadJson);
        var checkIn = checkInId is null ? null : await checkIns.GetAsync(send.TenantId, checkInId, cancellationToken);
        if (checkIn is null || !checkIn.IsOpenAt(timeProvider.GetUtcNow()))
        {
            return NothingToDo("check-in missing or closed");
        }

        var salt = await checkIns.GetSaltAsync(checkIn.TenantId, checkIn.CheckInId, cancellationToken);
        var team = await installations.GetAsync(checkIn.TenantId, checkIn.InstallationKey, cancellationToken);
        if (salt is null || team is not { IsActiveTeam: true })
        {
            return NothingToDo("salt destroyed or team gone");
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await RemindAsync(team, checkIn, salt, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            RemindersLog.RosterUnavailable(logger);
            outcome = DeliveryOutcome.Failed;
        }

        RemindersLog.PassFinished(logger, outcome);
        return new DeliveryResult(outcome, Detail: outcome == DeliveryOutcome.Delivered ? null : "some reminders not sent");
    }

    private async Task<DeliveryOutcome> RemindAsync(Installation team, CheckIn checkIn, byte[] salt, CancellationToken cancellationToken)
    {
        var card = ReminderCard.Build(team.TeamName ?? "your team", checkIn.ClosesAt, checkIn.Threshold);
        var failed = false;
        await foreach (var member in messenger.ListMembersAsync(team.TenantId, team.ServiceUrl, team.TeamId ?? team.Key, cancellationToken))
        {
            if (!checkIn.IsOpenAt(timeProvider.GetUtcNow()))
            {
                // Closed meanwhile: a reminder would only point at a card that no longer takes answers.
                break;
            }

            if (string.IsNullOrEmpty(member.AadObjectId))
            {
                continue;
            }

            var participation = hasher.Hash(salt, checkIn.TenantId, checkIn.CheckInId, member.AadObjectId);
            if (await ballots.HasParticipatedAsync(checkIn.TenantId, checkIn.CheckInId, participation, cancellationToken))
            {
                continue;
            }

            var key = ReminderKeys.ForMember(hasher, salt, checkIn.TenantId, checkIn.CheckInId, member.AadObjectId);
            if (!await idempotency.TryBeginAsync(key, cancellationToken)
                && await idempotency.GetAsync(key, cancellationToken) is { State: not IdempotencyStates.Pending })
            {
                // Reminded already (done), or given up on (dead). A pending record is an earlier try that did not finish.
                continue;
            }

            var result = await RemindOneAsync(team, member.UserId, card, cancellationToken);
            switch (result.Outcome)
            {
                case DeliveryOutcome.Delivered:
                    await idempotency.CompleteAsync(key, result.ActivityId, cancellationToken);
                    break;
                case DeliveryOutcome.RecipientGone:
                    // This person cannot be reached; nobody else is held back, and they are not tried again.
                    await idempotency.MarkDeadAsync(key, "recipient gone", cancellationToken);
                    break;
                case DeliveryOutcome.Throttled:
                    // Pressing on would only be refused too; the rest waits for the worker's retry.
                    return DeliveryOutcome.Failed;
                default:
                    failed = true;
                    break;
            }
        }

        return failed ? DeliveryOutcome.Failed : DeliveryOutcome.Delivered;
    }

    private async Task<DeliveryResult> RemindOneAsync(Installation team, string userId, JsonObject card, CancellationToken cancellationToken)
    {
        var chat = await messenger.OpenPersonalChatAsync(team.TenantId, team.ServiceUrl, team.BotId, userId, cancellationToken);
        if (chat.Outcome != DeliveryOutcome.Delivered || chat.Address is null)
        {
            return new DeliveryResult(chat.Outcome == DeliveryOutcome.Delivered ? DeliveryOutcome.Failed : chat.Outcome, Detail: chat.Detail);
        }

        // Each member gets their own copy: a card node belongs to one parent once serialised into an activity.
        return await messenger.SendCardAsync(chat.Address, (JsonObject)card.DeepClone(), ReminderCard.Summary, cancellationToken);
    }

    private static string? CheckInId(string payloadJson)
    {
        try
        {
            return JsonNode.Parse(payloadJson) is JsonObject payload
                && payload[ReminderJob.CheckInIdKey] is JsonValue value
                && value.TryGetValue<string>(out var id)
                && !string.IsNullOrWhiteSpace(id)
                    ? id
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private DeliveryResult NothingToDo(string reason)
    {
        RemindersLog.NothingToDo(logger, reason);
        return new DeliveryResult(DeliveryOutcome.Delivered, Detail: reason);
    }
}
