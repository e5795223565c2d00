using System.Text.Json.Nodes;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Habits;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Nudges;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgeSenderTests
{
    private readonly NudgeWorld _world = new();
    private readonly List<(ConversationAddress Address, JsonObject Card)> _sent = [];

    public NudgeSenderTests()
    {
        _world.Messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ConversationAddress address, JsonObject card, string _, CancellationToken _) => _sent.Add((address, card)))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Delivered, "act-new"));
    }

    private static OutboundSend Weekly(string recipient = NudgeWorld.LeaderId) =>
        new("nudge:occurrence", OutboundKinds.Nudge, TestIds.TenantId, TestIds.TeamId, recipient, NudgePayload.Weekly.ToJson());

    private static LeaderChatRoute Route(string? chat = NudgeWorld.ChatId) =>
        new(TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId, TestIds.ServiceUrl, TestIds.BotId, chat);

    private static NudgePlan Plan(string habitId, int streak = 0) =>
        new("ng-planned", habitId, streak, NudgeWorld.TeamName, Route(), NudgeWorld.MondayNine);

    private static OutboundSend Planned(NudgePlan plan) =>
        new("nudge:occurrence", OutboundKinds.Nudge, TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId, NudgePayload.Planned(plan).ToJson());

    private static OutboundSend Remind(string nudgeId) =>
        new("nudge-remind:" + nudgeId, OutboundKinds.Nudge, TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId, NudgePayload.Remind(nudgeId).ToJson());

    [Fact]
    public async Task SendAsync_Weekly_PostsValidCardForWeakestDimensionToTheLeadersChatAndStoresIt()
    {
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 5));

        var result = await _world.Sender().SendAsync(Weekly(), CancellationToken.None);

        Assert.Equal(new DeliveryResult(DeliveryOutcome.Delivered, "act-new"), result);
        var (address, card) = Assert.Single(_sent);
        Assert.Equal(NudgeWorld.LeaderChat, address);
        var errors = await AdaptiveCardSchema.ValidateAsync(card);
        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
        var record = Assert.Single(_world.Nudges.All);
        Assert.Contains("risk", HabitLibrary.Default.Find(record.HabitId)!.Dimensions);
        Assert.Equal(NudgeWorld.MondayNine, record.SentAt);
        Assert.Equal(NudgeResponse.None, record.Response);
        Assert.Equal("act-new", record.ActivityId);
        Assert.Contains(record.NudgeId, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(NudgeWorld.TeamName, card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_LeaderWithDoneHabits_CardShowsTheirStreak()
    {
        _world.AddNudge("ng-1", "habit-1", NudgeWorld.MondayNine.AddDays(-7), NudgeResponse.Done);
        _world.AddNudge("ng-2", "habit-2", NudgeWorld.MondayNine.AddDays(-14));
        _world.AddNudge("ng-3", "habit-3", NudgeWorld.MondayNine.AddDays(-21), NudgeResponse.Done);
        _world.AddNudge("ng-4", "habit-4", NudgeWorld.MondayNine.AddDays(-28), NudgeResponse.NotForMe);

        await _world.Sender().SendAsync(Weekly(), CancellationToken.None);

        Assert.Contains("Streak: 2 habits done in a row", Assert.Single(_sent).Card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoStreak_CardShowsNone()
    {
        await _world.Sender().SendAsync(Weekly(), CancellationToken.None);

        Assert.DoesNotContain("Streak", Assert.Single(_sent).Card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SendFindsLeaderGone_MarksUnreachableAndStoresNothing()
    {
        _world.Messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.RecipientGone, Detail: "403"));

        var result = await _world.Sender().SendAsync(Weekly(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.RecipientGone, result.Outcome);
        Assert.True(_world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!.Unreachable);
        Assert.Equal(NudgeWorld.ChatId, _world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!.ChatConversationId);
        Assert.Empty(_world.Nudges.All);
    }

    [Fact]
    public async Task SendAsync_ChatNotYetOpened_OpensItThenSends()
    {
        await _world.Leaders.UpdateAsync(NudgeWorld.Leader() with { ChatConversationId = null }, CancellationToken.None);
        _world.Messenger.Setup(m => m.OpenPersonalChatAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.BotId, NudgeWorld.LeaderId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OpenedChat(DeliveryOutcome.Delivered, NudgeWorld.LeaderChat));

        var result = await _world.Sender().SendAsync(Weekly(), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Equal(NudgeWorld.LeaderChat, Assert.Single(_sent).Address);
        Assert.Equal(NudgeWorld.ChatId, _world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!.ChatConversationId);
    }

    [Fact]
    public async Task SendAsync_OpeningChatFindsLeaderGone_ReturnsRecipientGoneWithoutSending()
    {
        await _world.Leaders.UpdateAsync(NudgeWorld.Leader() with { ChatConversationId = null }, CancellationToken.None);
        _world.Messenger.Setup(m => m.OpenPersonalChatAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OpenedChat(DeliveryOutcome.RecipientGone, null, "404"));

        var result = await _world.Sender().SendAsync(Weekly(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.RecipientGone, result.Outcome);
        Assert.Empty(_sent);
        Assert.True(_world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!.Unreachable);
    }

    [Fact]
    public async Task SendAsync_Throttled_ReturnsItForRetryAndStoresNoNudge()
    {
        _world.Messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.Throttled));

        var result = await _world.Sender().SendAsync(Weekly(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Throttled, result.Outcome);
        Assert.Empty(_world.Nudges.All);
        Assert.False(_world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!.Unreachable);
    }

    [Fact]
    public async Task SendAsync_LeaderNoLongerLeads_DeliveredWithNothingSent()
    {
        var result = await _world.Sender().SendAsync(Weekly(NudgeWorld.OtherPersonId), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task SendAsync_Reminder_ResendsTheSameHabitForTheSameNudge()
    {
        var habit = HabitLibrary.Default.Habits[5];
        _world.AddNudge("ng-snoozed", habit.Id, NudgeWorld.MondayNine.AddDays(-1), NudgeResponse.RemindTomorrow);

        var result = await _world.Sender().SendAsync(Remind("ng-snoozed"), CancellationToken.None);

        Assert.True(result.IsDelivered);
        var card = Assert.Single(_sent).Card;
        Assert.Contains("\"nudgeId\":\"ng-snoozed\"", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(habit.Title, CardTexts.Of(card));
        var record = Assert.Single(_world.Nudges.All);
        Assert.Equal("act-new", record.ActivityId);
        Assert.Equal(NudgeResponse.RemindTomorrow, record.Response);
    }

    [Fact]
    public async Task SendAsync_ReminderForNudgeAnsweredSince_DeliveredWithNothingSent()
    {
        _world.AddNudge("ng-done", HabitLibrary.Default.Habits[5].Id, NudgeWorld.MondayNine.AddDays(-1), NudgeResponse.Done);

        var result = await _world.Sender().SendAsync(Remind("ng-done"), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task SendAsync_EveryHabitExcluded_DeliveredWithNothingSent()
    {
        var i = 0;
        foreach (var habit in HabitLibrary.Default.Habits)
        {
            _world.AddNudge($"ng-{i++}", habit.Id, NudgeWorld.MondayNine.AddDays(-300), NudgeResponse.NotForMe);
        }

        var result = await _world.Sender().SendAsync(Weekly(), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Empty(_sent);
        Assert.Equal(OutboundKinds.Nudge, _world.Sender().Kind);
    }

    [Fact]
    public async Task SendAsync_FreshPlan_PostsThePlannedHabitWithoutReadingTheTeamOrTheHistory()
    {
        // The history would exclude the planned habit and scores would point elsewhere: the plan is posted as it stands.
        var habit = HabitLibrary.Default.Habits[7];
        _world.AddNudge("ng-old", habit.Id, NudgeWorld.MondayNine.AddDays(-7));
        _world.AddClosedCheckIn("ci-1", NudgeWorld.RiskWeakest(replies: 5));

        var result = await _world.Sender().SendAsync(Planned(Plan(habit.Id, streak: 3)), CancellationToken.None);

        Assert.Equal(new DeliveryResult(DeliveryOutcome.Delivered, "act-new"), result);
        var (address, card) = Assert.Single(_sent);
        Assert.Equal(NudgeWorld.LeaderChat, address);
        Assert.Contains(habit.Title, CardTexts.Of(card));
        Assert.Contains("Streak: 3 habits done in a row", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"nudgeId\":\"ng-planned\"", card.ToJsonString(), StringComparison.Ordinal);
        var record = _world.Nudges["ng-planned"]!;
        Assert.Equal((habit.Id, NudgeWorld.MondayNine, "act-new", NudgeResponse.None), (record.HabitId, record.SentAt, record.ActivityId, record.Response));
        Assert.Equal(0, _world.Installations.GetCalls);
        _world.CheckIns.Verify(c => c.ListForInstallationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendAsync_PlanWithoutChat_OpensItAndStoresOnlyTheChatOnTheLeader()
    {
        await _world.Leaders.UpdateAsync(NudgeWorld.Leader() with { ChatConversationId = null, Name = "Renamed since planning" }, CancellationToken.None);
        _world.Messenger.Setup(m => m.OpenPersonalChatAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.BotId, NudgeWorld.LeaderId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OpenedChat(DeliveryOutcome.Delivered, NudgeWorld.LeaderChat));

        var result = await _world.Sender().SendAsync(Planned(Plan(HabitLibrary.Default.Habits[0].Id) with { Chat = Route(chat: null) }), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Equal(NudgeWorld.LeaderChat, Assert.Single(_sent).Address);
        var leader = _world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!;
        Assert.Equal((NudgeWorld.ChatId, "Renamed since planning"), (leader.ChatConversationId, leader.Name));
    }

    [Fact]
    public async Task SendAsync_PlannedPostFindsTheLeaderGone_MarksThemUnreachableAndStoresNoNudge()
    {
        _world.Messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryResult(DeliveryOutcome.RecipientGone, Detail: "403"));

        var result = await _world.Sender().SendAsync(Planned(Plan(HabitLibrary.Default.Habits[0].Id)), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.RecipientGone, result.Outcome);
        Assert.True(_world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!.Unreachable);
        Assert.Empty(_world.Nudges.All);
    }

    [Fact]
    public async Task SendAsync_PlanOlderThanItsFreshness_ReadsAgainAndSeesTheLeaderGone()
    {
        var plan = Plan(HabitLibrary.Default.Habits[0].Id) with { PlannedAt = NudgeWorld.MondayNine - NudgePlan.FreshFor - TimeSpan.FromSeconds(1) };
        await _world.Leaders.RemoveAsync(TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId, CancellationToken.None);

        var result = await _world.Sender().SendAsync(Planned(plan), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task SendAsync_StalePlan_ChoosesAgainFromTheHistory()
    {
        var planned = HabitLibrary.Default.Habits[7];
        _world.AddNudge("ng-old", planned.Id, NudgeWorld.MondayNine.AddDays(-7));
        var plan = Plan(planned.Id) with { PlannedAt = NudgeWorld.MondayNine.AddMinutes(-5) };

        await _world.Sender().SendAsync(Planned(plan), CancellationToken.None);

        Assert.DoesNotContain(planned.Title, CardTexts.Of(Assert.Single(_sent).Card));
        Assert.Null(_world.Nudges["ng-planned"]);
    }

    [Fact]
    public void NewNudgeId_IsRandom()
    {
        Assert.NotEqual(NudgeSender.NewNudgeId(), NudgeSender.NewNudgeId());
        Assert.StartsWith("ng-", NudgeSender.NewNudgeId(), StringComparison.Ordinal);
    }
}
