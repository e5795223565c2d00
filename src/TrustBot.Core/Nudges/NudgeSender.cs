using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Delivery;
using TrustBot.Core.Habits;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Nudges;

/// <summary>
/// Sends nudge cards to leaders' private chats for the outbox worker: the habit the job planned for the weekly nudge,
/// or the same habit again for "Remind me tomorrow". The record is written once the card is posted, so a send that is
/// retried never leaves a phantom nudge behind that would count as ignored.
/// </summary>
/// <remarks>
/// A fresh plan (<see cref="NudgePlan.IsFreshAt"/>) is posted as it stands: no read of the leader, the team or the
/// history, only the chat's opening when it was not open yet, the post and the nudge's record. A weekly nudge without a
/// fresh plan (redelivered after a failed try, queued before plans existed) reads them all and chooses here.
/// </remarks>
public sealed class NudgeSender(
    LeaderRecipients recipients,
    LeaderChats chats,
    INudgeStore nudges,
    HabitChooser chooser,
    IBotMessenger messenger,
    TimeProvider timeProvider,
    ILogger<NudgeSender> logger) : IOutboundHandler
{
    private static readonly DeliveryResult NothingLeft = new(DeliveryOutcome.Delivered);

    public string Kind => OutboundKinds.Nudge;

    /// <summary>A new random nudge id.</summary>
    public static string NewNudgeId() => "ng-" + RandomNumberGenerator.GetHexString(20, lowercase: true);

    public async Task<DeliveryResult> SendAsync(OutboundSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var payload = NudgePayload.Parse(send.PayloadJson);
        var now = timeProvider.GetUtcNow();
        if (!payload.IsReminder && send.RecipientId is { Length: > 0 } recipientId
            && NudgePlan.FromJson(payload.Plan, send.TenantId, send.InstallationKey, recipientId) is { } plan && plan.IsFreshAt(now))
        {
            return await SendPlannedAsync(plan, payload, now, cancellationToken);
        }

        return await SendReadingAsync(send, payload, now, cancellationToken);
    }

    private async Task<DeliveryResult> SendPlannedAsync(NudgePlan plan, NudgePayload payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (HabitLibrary.Default.Find(plan.HabitId) is not { } habit)
        {
            return Nothing("habit no longer in the library");
        }

        var (chat, opened) = await chats.EnsureAsync(plan.Chat, cancellationToken);
        if (chat is not { } address)
        {
            NudgesLog.NotDelivered(logger, opened.Outcome);
            return opened;
        }

        var card = NudgeCard.Build(plan.NudgeId, habit, plan.TeamName, plan.Streak);
        var result = await messenger.SendCardAsync(address, card, NudgeCard.Summary, cancellationToken);
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                var route = plan.Chat;
                var record = new NudgeRecord(route.TenantId, route.TeamKey, route.UserId, plan.NudgeId, plan.HabitId, now, ActivityId: result.ActivityId);
                await nudges.SaveAsync(record, cancellationToken);
                NudgesLog.Sent(logger, payload.Reason);
                break;
            case DeliveryOutcome.RecipientGone:
                await chats.MarkGoneAsync(plan.Chat, cancellationToken);
                NudgesLog.LeaderUnreachable(logger);
                break;
            default:
                NudgesLog.NotDelivered(logger, result.Outcome);
                break;
        }

        return result;
    }

    private async Task<DeliveryResult> SendReadingAsync(OutboundSend send, NudgePayload payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (recipient, nothingToSend) = await recipients.FindAsync(send, cancellationToken);
        if (recipient is null)
        {
            return Nothing(nothingToSend);
        }

        var (leader, team, chat, opened) = recipient;
        if (chat is not { } address)
        {
            NudgesLog.NotDelivered(logger, opened.Outcome);
            return opened;
        }

        var userId = leader.UserId;
        var history = await nudges.ListForLeaderAsync(send.TenantId, send.InstallationKey, userId, now - NudgeHistory.Window, cancellationToken);
        var planned = payload.IsReminder
            ? await ReminderAsync(send, userId, payload.NudgeId!, cancellationToken)
            : await NewNudgeAsync(send, userId, history, now, cancellationToken);
        if (planned is not { } chosen)
        {
            return NothingLeft;
        }

        var (record, habit) = chosen;

        var streak = NudgeHistory.Streak(history.Where(r => r.NudgeId != record.NudgeId));
        var card = NudgeCard.Build(record.NudgeId, habit, team.TeamName ?? "", streak);
        var result = await messenger.SendCardAsync(address, card, NudgeCard.Summary, cancellationToken);
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                await nudges.SaveAsync(record with { ActivityId = result.ActivityId ?? record.ActivityId }, cancellationToken);
                NudgesLog.Sent(logger, payload.Reason);
                break;
            case DeliveryOutcome.RecipientGone:
                await recipients.MarkGoneAsync(leader, cancellationToken);
                NudgesLog.LeaderUnreachable(logger);
                break;
            default:
                NudgesLog.NotDelivered(logger, result.Outcome);
                break;
        }

        return result;
    }

    private async Task<(NudgeRecord Record, Habit Habit)?> NewNudgeAsync(
        OutboundSend send, string userId, IReadOnlyList<NudgeRecord> history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var habit = await chooser.ChooseAsync(send.TenantId, send.InstallationKey, history, now, cancellationToken);
        if (habit is null)
        {
            NudgesLog.NoHabitLeft(logger);
            return null;
        }

        return (new NudgeRecord(send.TenantId, send.InstallationKey, userId, NewNudgeId(), habit.Id, now), habit);
    }

    private async Task<(NudgeRecord Record, Habit Habit)?> ReminderAsync(
        OutboundSend send, string userId, string nudgeId, CancellationToken cancellationToken)
    {
        var record = await nudges.GetAsync(send.TenantId, send.InstallationKey, userId, nudgeId, cancellationToken);
        if (record is null || record.IsClosed)
        {
            // Answered since the leader asked for the reminder: nothing to remind them of.
            NudgesLog.NothingToSend(logger, "reminder no longer needed");
            return null;
        }

        var habit = HabitLibrary.Default.Find(record.HabitId);
        if (habit is null)
        {
            NudgesLog.NothingToSend(logger, "habit no longer in the library");
            return null;
        }

        return (record, habit);
    }

    private DeliveryResult Nothing(string reason)
    {
        NudgesLog.NothingToSend(logger, reason);
        return NothingLeft;
    }
}
