using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Delivery;
using TrustBot.Core.Leaders;
using TrustBot.Core.Messaging;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Tests.Cards;
using TrustBot.Core.Tests.Fakes;
using TrustBot.Core.Tests.Settings;

namespace TrustBot.Core.Tests.Leaders;

public sealed class LeaderIntroSenderTests
{
    private const string AdaId = "29:1ada";
    private const string ChatId = "a:1chat-ada";
    private readonly InMemoryInstallationStore _installations = new();
    private readonly InMemoryLeaderStore _leaders = new();
    private readonly InMemoryTimetable _timetable = new();
    private readonly Mock<IBotMessenger> _messenger = new();
    private readonly List<(ConversationAddress Address, JsonObject Card, string Summary)> _sent = [];
    private DeliveryResult _sendResult = new(DeliveryOutcome.Delivered, "1");
    private OpenedChat _opened = new(DeliveryOutcome.Delivered, new ConversationAddress(TestIds.TenantId, TestIds.ServiceUrl, ChatId, TestIds.BotId));

    public LeaderIntroSenderTests()
    {
        _installations.Seed(LeaderTestData.Team());
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada Lovelace") with { TimeZoneId = "America/New_York" });
        _messenger.Setup(m => m.OpenPersonalChatAsync(TestIds.TenantId, TestIds.ServiceUrl, TestIds.BotId, AdaId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => _opened);
        _messenger.Setup(m => m.SendCardAsync(It.IsAny<ConversationAddress>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ConversationAddress address, JsonObject card, string summary, CancellationToken _) => _sent.Add((address, card, summary)))
            .ReturnsAsync(() => _sendResult);
    }

    [Fact]
    public async Task SendAsync_OpensTheChatAndPostsTheIntroduction()
    {
        var result = await Sender().SendAsync(Intro(), CancellationToken.None);

        Assert.True(result.IsDelivered);
        var (address, card, summary) = Assert.Single(_sent);
        Assert.Equal(ChatId, address.ConversationId);
        Assert.Equal(LeaderIntroCard.Summary, summary);
        Assert.Equal(ChatId, _leaders[TestIds.TeamId, AdaId]!.ChatConversationId);
        var text = Text(card);
        Assert.Contains("Welcome to TrustBot, Ada Lovelace", text, StringComparison.Ordinal);
        Assert.Contains("you're its first leader", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ShowsThePlannedCheckInInTheLeadersZone()
    {
        // Tuesday 1 December 09:00 UTC is 04:00 in New York.
        await _timetable.SetAsync(
            new TimetableEntry(TestIds.TenantId, TestIds.TeamId, JobNames.CheckIn, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)), CancellationToken.None);

        await Sender().SendAsync(Intro(), CancellationToken.None);

        var text = Text(Assert.Single(_sent).Card);
        Assert.Contains("Tuesday 1 December at 04:00 (America/New_York)", text, StringComparison.Ordinal);
        Assert.Contains("Mondays at 09:00 (America/New_York)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoPlannedCheckIn_ShowsTheNextOneFromTheSchedule_InTheTeamsZoneForALeaderWithoutOne()
    {
        _leaders.Seed(LeaderTestData.Leader(AdaId, "Ada Lovelace"));

        await Sender().SendAsync(Intro(), CancellationToken.None);

        // The team's default: Tuesday 10:00 in Berlin, the next one after Monday 23 November.
        var text = Text(Assert.Single(_sent).Card);
        Assert.Contains("Tuesday 24 November at 10:00 (Europe/Berlin)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_OtherLeaders_AreNamedInsteadOfFirstLeader()
    {
        _leaders.Seed(LeaderTestData.Leader("29:1grace", "Grace Hopper"));

        await Sender().SendAsync(Intro(), CancellationToken.None);

        var text = Text(Assert.Single(_sent).Card);
        Assert.Contains("together with Grace Hopper", text, StringComparison.Ordinal);
        Assert.DoesNotContain("first leader", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ChatCannotBeOpened_SettlesWithoutSending_AndMarksTheLeaderUnreachable()
    {
        _opened = new OpenedChat(DeliveryOutcome.RecipientGone, null, "403 ConversationBlockedByUser");

        var result = await Sender().SendAsync(Intro(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.RecipientGone, result.Outcome);
        Assert.Empty(_sent);
        Assert.True(_leaders[TestIds.TeamId, AdaId]!.Unreachable);
    }

    [Fact]
    public async Task SendAsync_Throttled_IsReportedForARetry()
    {
        _sendResult = new DeliveryResult(DeliveryOutcome.Throttled, Detail: "429");

        var result = await Sender().SendAsync(Intro(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Throttled, result.Outcome);
        Assert.False(_leaders[TestIds.TeamId, AdaId]!.Unreachable);
    }

    [Fact]
    public async Task SendAsync_RecipientGoneOnSend_MarksTheLeaderUnreachable_KeepingTheChatJustOpened()
    {
        _sendResult = new DeliveryResult(DeliveryOutcome.RecipientGone, Detail: "403");

        await Sender().SendAsync(Intro(), CancellationToken.None);

        var ada = _leaders[TestIds.TeamId, AdaId]!;
        Assert.True(ada.Unreachable);
        Assert.Equal(ChatId, ada.ChatConversationId);
    }

    [Fact]
    public async Task SendAsync_TeamRemovedMeanwhile_SendsNothingAndCountsAsDone()
    {
        await _installations.MarkRemovedAsync(TestIds.TenantId, TestIds.TeamId, LeaderTestData.Now, CancellationToken.None);

        var result = await Sender().SendAsync(Intro(), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Empty(_sent);
        _messenger.Verify(m => m.OpenPersonalChatAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendAsync_LeaderRemovedMeanwhile_SendsNothingAndCountsAsDone()
    {
        await _leaders.RemoveAsync(TestIds.TenantId, TestIds.TeamId, AdaId, CancellationToken.None);

        var result = await Sender().SendAsync(Intro(), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Empty(_sent);
    }

    private static string Text(JsonObject card) => string.Join("\n", CardInspection.VisibleStrings(card));

    private static OutboundSend Intro() =>
        new("leader-intro:x", OutboundKinds.LeaderIntro, TestIds.TenantId, TestIds.TeamId, AdaId, "{}");

    private LeaderIntroSender Sender() => new(
        _leaders,
        new LeaderRecipients(_installations, _leaders, new LeaderChats(_leaders, _messenger.Object)),
        _timetable,
        _messenger.Object,
        Options.Create(new AnonymityOptions { DefaultThreshold = 5 }),
        new FakeTimeProvider(LeaderTestData.Now),
        NullLogger<LeaderIntroSender>.Instance);
}
