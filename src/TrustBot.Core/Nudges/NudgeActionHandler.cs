using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Habits;
using TrustBot.Core.Installations;
using TrustBot.Core.Leaders;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Nudges;

/// <summary>
/// The four buttons of the nudge card; the returned card replaces it in place. The nudge id in the card data is
/// untrusted: it must name a nudge of one of the teams the presser leads, else a friendly card comes back and nothing
/// is written. A nudge already answered shows its answered view again and nothing changes.
/// </summary>
public sealed class NudgeActionHandler(
    IInstallationStore installations,
    ILeaderStore leaders,
    INudgeStore nudges,
    HabitChooser chooser,
    IIdempotencyStore idempotency,
    IOutbox outbox,
    TimeProvider timeProvider,
    ILogger<NudgeActionHandler> logger) : ICardActionHandler
{
    /// <summary>The idempotency key prefix of a nudge's one reminder; the nudge id follows.</summary>
    public const string RemindKeyPrefix = "nudge-remind:";

    /// <summary>The queue hides a message for at most about seven days; a reminder never waits longer than this.</summary>
    public static readonly TimeSpan MaxReminderDelay = TimeSpan.FromDays(6);

    public IReadOnlyCollection<string> Verbs { get; } = [NudgeVerbs.Done, NudgeVerbs.RemindTomorrow, NudgeVerbs.Another, NudgeVerbs.NotForMe];

    public async Task<JsonObject> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var nudgeId = action.IdValue(NudgeVerbs.NudgeId);
        if (string.IsNullOrWhiteSpace(nudgeId))
        {
            return Refuse("missing-id", "This card doesn't name a habit nudge. Type **help** to see what I can do.");
        }

        if (string.IsNullOrEmpty(action.FromId) && string.IsNullOrEmpty(action.FromAadObjectId))
        {
            return Refuse("no-identity", "I couldn't tell who you are, so I can't find your habit. Please try from the Teams app.");
        }

        var rows = new List<Leader>();
        await foreach (var row in leaders.ListForPersonAsync(action.TenantId, action.FromId, action.FromAadObjectId, cancellationToken))
        {
            rows.Add(row);
        }

        var (leader, record) = await FindAsync(rows, nudgeId, cancellationToken);
        if (leader is null || record is null)
        {
            return Refuse("unknown", "I can't find this habit nudge for you. It may have been sent to someone else.");
        }

        if (HabitLibrary.Default.Find(record.HabitId) is not { } habit)
        {
            return Refuse("unknown-habit", "This habit is no longer in my library. Your next nudge brings a new one.");
        }

        leader = await RefreshTimeZonesAsync(rows, leader, action.ClientTimeZone, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var history = WithRecord(
            await nudges.ListForLeaderAsync(leader.TenantId, leader.TeamKey, leader.UserId, now - NudgeHistory.Window, cancellationToken),
            record);
        var team = await installations.GetAsync(leader.TenantId, leader.TeamKey, cancellationToken);

        if (record.IsClosed || (record.Response == NudgeResponse.RemindTomorrow && action.Verb == NudgeVerbs.RemindTomorrow))
        {
            NudgesLog.AlreadyAnswered(logger, record.Response);
            return AnsweredView(record, habit, history, team);
        }

        switch (action.Verb)
        {
            case NudgeVerbs.Done:
                await AnswerAsync(record, NudgeResponse.Done, now, cancellationToken);
                return NudgeCard.Done(habit, NudgeHistory.Streak(WithRecord(history, record with { Response = NudgeResponse.Done })));
            case NudgeVerbs.NotForMe:
                await AnswerAsync(record, NudgeResponse.NotForMe, now, cancellationToken);
                return NudgeCard.NotForMe(habit);
            case NudgeVerbs.RemindTomorrow:
                await AnswerAsync(record, NudgeResponse.RemindTomorrow, now, cancellationToken);
                await ScheduleReminderAsync(leader, record, team, now, cancellationToken);
                return NudgeCard.Snoozed(habit);
            case NudgeVerbs.Another:
                return await AnotherAsync(record, habit, history, team, now, cancellationToken);
            default:
                return Refuse("unknown-verb", "This card is out of date. Type **help** to see what I can do.");
        }
    }

    /// <summary>Nothing was saved; "Try again" presses the same button again, which is safe to repeat.</summary>
    public JsonObject WhenStorageUnavailable(CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var retry = StorageOutageViews.TryAgain(action.Verb, NudgeVerbs.NudgeId, action.Value(NudgeVerbs.NudgeId));
        return StorageOutageViews.NotSaved(NudgeCard.Summary, "Your answer was not saved", retry);
    }

    /// <summary>The leader's reminder time tomorrow (their nudge time in their zone), moved out of quiet hours.</summary>
    public static DateTimeOffset ReminderDueAt(Leader leader, string? teamTimeZoneId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(leader);
        var zone = TimeZones.Resolve(leader.TimeZoneId, teamTimeZoneId);
        var tomorrow = LocalTime.DateIn(now, zone).AddDays(1);
        return SlotCalendar.OutsideQuietHours(LocalTime.ToInstant(tomorrow, leader.NudgeTime, zone), zone, QuietHours.Default);
    }

    private async Task<(Leader? Leader, NudgeRecord? Record)> FindAsync(List<Leader> rows, string nudgeId, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            var record = await nudges.GetAsync(row.TenantId, row.TeamKey, row.UserId, nudgeId, cancellationToken);
            if (record is not null)
            {
                return (row, record);
            }
        }

        return (null, null);
    }

    private async Task<JsonObject> AnotherAsync(
        NudgeRecord record, Habit habit, IReadOnlyList<NudgeRecord> history, Installation? team, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The current habit was sent within eight weeks, so the picker never offers it again here.
        var next = await chooser.ChooseAsync(record.TenantId, record.TeamKey, history, now, cancellationToken);
        if (next is null)
        {
            NudgesLog.NoHabitLeft(logger);
            return NudgeCard.Build(record.NudgeId, habit, TeamLabel(team), NudgeHistory.Streak(history));
        }

        await AnswerAsync(record, NudgeResponse.Another, now, cancellationToken);
        var replacement = new NudgeRecord(
            record.TenantId, record.TeamKey, record.LeaderUserId, NudgeSender.NewNudgeId(), next.Id, now, ActivityId: record.ActivityId);
        await nudges.SaveAsync(replacement, cancellationToken);
        var streak = NudgeHistory.Streak(WithRecord(history, record with { Response = NudgeResponse.Another }));
        return NudgeCard.Build(replacement.NudgeId, next, TeamLabel(team), streak);
    }

    private async Task ScheduleReminderAsync(Leader leader, NudgeRecord record, Installation? team, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = RemindKeyPrefix + record.NudgeId;
        if (!await idempotency.TryBeginAsync(key, cancellationToken))
        {
            return;
        }

        var due = ReminderDueAt(leader, team?.EffectiveSchedule.TimeZoneId, now);
        var delay = due - now;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxReminderDelay ? MaxReminderDelay : delay;
        var send = new OutboundSend(key, OutboundKinds.Nudge, record.TenantId, record.TeamKey, record.LeaderUserId, NudgePayload.Remind(record.NudgeId).ToJson());
        await outbox.EnqueueAsync(send, delay, cancellationToken);
        NudgesLog.ReminderQueued(logger);
    }

    private static JsonObject AnsweredView(NudgeRecord record, Habit habit, List<NudgeRecord> history, Installation? team)
    {
        // Follow "Give me another" to the nudge that replaced it: the card in the chat shows that one now.
        for (var hops = 0; record.Response == NudgeResponse.Another && hops < history.Count; hops++)
        {
            var answeredAt = record.RespondedAt ?? record.SentAt;
            var replacement = history
                .Where(r => r.SentAt >= answeredAt && r.NudgeId != record.NudgeId)
                .OrderBy(r => r.SentAt)
                .FirstOrDefault();
            if (replacement is null || HabitLibrary.Default.Find(replacement.HabitId) is not { } next)
            {
                return NudgeCard.Replaced(habit);
            }

            (record, habit) = (replacement, next);
        }

        return record.Response switch
        {
            NudgeResponse.Done => NudgeCard.Done(habit, NudgeHistory.Streak(history)),
            NudgeResponse.NotForMe => NudgeCard.NotForMe(habit),
            NudgeResponse.RemindTomorrow => NudgeCard.Snoozed(habit),
            NudgeResponse.Another => NudgeCard.Replaced(habit),
            _ => NudgeCard.Build(record.NudgeId, habit, TeamLabel(team), NudgeHistory.Streak(history.Where(r => r.NudgeId != record.NudgeId))),
        };
    }

    private async Task AnswerAsync(NudgeRecord record, NudgeResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await nudges.SetResponseAsync(record.TenantId, record.TeamKey, record.LeaderUserId, record.NudgeId, response, now, cancellationToken);
        NudgesLog.Answered(logger, response);
    }

    /// <summary>Stores the client's zone on every team row of the person when it is a known zone and differs.</summary>
    private async Task<Leader> RefreshTimeZonesAsync(List<Leader> rows, Leader matched, string? clientZone, CancellationToken cancellationToken)
    {
        var zone = clientZone?.Trim();
        if (string.IsNullOrEmpty(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return matched;
        }

        foreach (var row in rows.Where(r => !string.Equals(r.TimeZoneId, zone, StringComparison.Ordinal)))
        {
            await leaders.UpdateAsync(row with { TimeZoneId = zone }, cancellationToken);
            NudgesLog.TimeZoneStored(logger);
        }

        return matched with { TimeZoneId = zone };
    }

    private static List<NudgeRecord> WithRecord(IEnumerable<NudgeRecord> history, NudgeRecord record) =>
        [record, .. history.Where(r => r.NudgeId != record.NudgeId)];

    private static string TeamLabel(Installation? team) => team?.TeamName ?? "";

    private JsonObject Refuse(string reason, string message)
    {
        NudgesLog.ActionRefused(logger, reason);
        return ProblemView.Build(NudgeCard.Summary, message);
    }
}
