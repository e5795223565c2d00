using System.Text.Json.Nodes;
using Moq;
using TrustBot.Core.Delivery;
using TrustBot.Core.Habits;
using TrustBot.Core.Nudges;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgeActionHandlerTests
{
    private static readonly Habit Current = HabitLibrary.Default.Habits[3];

    /// <summary>Tuesday 3 March 2026, 15:00 in Berlin.</summary>
    private static readonly DateTimeOffset TuesdayAfternoon = new(2026, 3, 3, 14, 0, 0, TimeSpan.Zero);

    private readonly NudgeWorld _world = new();

    public NudgeActionHandlerTests()
    {
        _world.Time.SetUtcNow(TuesdayAfternoon);
        _world.AddNudge("ng-1", Current.Id, NudgeWorld.MondayNine);
    }

    [Fact]
    public async Task HandleAsync_Done_RecordsDoneAndShowsStreak()
    {
        _world.AddNudge("ng-0", "earlier-habit", NudgeWorld.MondayNine.AddDays(-7), NudgeResponse.Done);

        var card = await PressAsync(NudgeVerbs.Done);

        await AssertValidAsync(card);
        Assert.Equal(NudgeResponse.Done, _world.Nudges["ng-1"]!.Response);
        Assert.Equal(TuesdayAfternoon, _world.Nudges["ng-1"]!.RespondedAt);
        Assert.Contains("Nice work — done!", CardTexts.Of(card));
        Assert.Contains("Streak: 2 habits done in a row", CardTexts.Joined(card), StringComparison.Ordinal);
        Assert.Empty(Actions(card));
    }

    [Fact]
    public async Task HandleAsync_NotForMe_RecordsItAndNeverOffersTheHabitAgain()
    {
        var card = await PressAsync(NudgeVerbs.NotForMe);

        await AssertValidAsync(card);
        Assert.Equal(NudgeResponse.NotForMe, _world.Nudges["ng-1"]!.Response);
        Assert.Contains("Got it — I won't suggest this one again", CardTexts.Of(card));
        Assert.Empty(Actions(card));
    }

    [Fact]
    public async Task HandleAsync_RemindTomorrow_QueuesOneReminderForTomorrowAtTheLeadersTime()
    {
        var card = await PressAsync(NudgeVerbs.RemindTomorrow);

        await AssertValidAsync(card);
        Assert.Contains("I'll remind you tomorrow", CardTexts.Of(card));
        Assert.Equal(NudgeResponse.RemindTomorrow, _world.Nudges["ng-1"]!.Response);
        _world.Idempotency.Verify(i => i.TryBeginAsync("nudge-remind:ng-1", It.IsAny<CancellationToken>()), Times.Once);
        // Wednesday 09:00 in Berlin is 08:00 UTC: 18 hours after the press.
        _world.Outbox.Verify(o => o.EnqueueAsync(
            new OutboundSend("nudge-remind:ng-1", OutboundKinds.Nudge, TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId, NudgePayload.Remind("ng-1").ToJson()),
            TimeSpan.FromHours(18),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_RemindTomorrowOnFriday_WaitsUntilQuietHoursEndOnMonday()
    {
        var friday = new DateTimeOffset(2026, 3, 6, 14, 0, 0, TimeSpan.Zero);
        _world.Time.SetUtcNow(friday);

        await PressAsync(NudgeVerbs.RemindTomorrow);

        // Saturday is quiet; the first free moment is Monday 08:00 in Berlin, 07:00 UTC.
        var monday = new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero);
        _world.Outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), monday - friday, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_RemindTomorrowAlreadyQueued_QueuesNothingMore()
    {
        _world.Idempotency.Setup(i => i.TryBeginAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var card = await PressAsync(NudgeVerbs.RemindTomorrow);

        Assert.Contains("I'll remind you tomorrow", CardTexts.Of(card));
        _world.Outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_RemindTomorrowTwice_SecondPressChangesNothing()
    {
        await PressAsync(NudgeVerbs.RemindTomorrow);
        var respondedAt = _world.Nudges["ng-1"]!.RespondedAt;
        _world.Time.Advance(TimeSpan.FromMinutes(5));

        var card = await PressAsync(NudgeVerbs.RemindTomorrow);

        Assert.Contains("I'll remind you tomorrow", CardTexts.Of(card));
        Assert.Equal(respondedAt, _world.Nudges["ng-1"]!.RespondedAt);
        _world.Idempotency.Verify(i => i.TryBeginAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_DoneAfterSnooze_StillCounts()
    {
        await PressAsync(NudgeVerbs.RemindTomorrow);

        var card = await PressAsync(NudgeVerbs.Done);

        Assert.Equal(NudgeResponse.Done, _world.Nudges["ng-1"]!.Response);
        Assert.Contains("Streak: 1 habit done", CardTexts.Joined(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_Another_SwapsInANewHabitAsANewNudgeOnTheSameCard()
    {
        var card = await PressAsync(NudgeVerbs.Another);

        await AssertValidAsync(card);
        Assert.Equal(NudgeResponse.Another, _world.Nudges["ng-1"]!.Response);
        var replacement = Assert.Single(_world.Nudges.All, r => r.NudgeId != "ng-1");
        Assert.NotEqual(Current.Id, replacement.HabitId);
        Assert.Equal(NudgeResponse.None, replacement.Response);
        Assert.Equal(TuesdayAfternoon, replacement.SentAt);
        Assert.Equal("act-ng-1", replacement.ActivityId);
        Assert.Equal(4, Actions(card).Count);
        Assert.All(Actions(card), a => Assert.Equal(replacement.NudgeId, (string?)a["data"]!["nudgeId"]));
        Assert.Contains(HabitLibrary.Default.Find(replacement.HabitId)!.Title, CardTexts.Of(card));
    }

    [Fact]
    public async Task HandleAsync_PressOnSwappedCard_ShowsTheReplacementWithoutChanges()
    {
        await PressAsync(NudgeVerbs.Another);
        var before = _world.Nudges.All;

        var card = await PressAsync(NudgeVerbs.Another);

        Assert.Equal(before.OrderBy(r => r.NudgeId), _world.Nudges.All.OrderBy(r => r.NudgeId));
        var replacement = Assert.Single(before, r => r.NudgeId != "ng-1");
        Assert.All(Actions(card), a => Assert.Equal(replacement.NudgeId, (string?)a["data"]!["nudgeId"]));
    }

    [Fact]
    public async Task HandleAsync_AlreadyAnswered_ShowsTheAnsweredViewAndChangesNothing()
    {
        await PressAsync(NudgeVerbs.NotForMe);
        var answered = _world.Nudges["ng-1"];
        _world.Time.Advance(TimeSpan.FromHours(1));

        var card = await PressAsync(NudgeVerbs.Done);

        Assert.Equal(answered, _world.Nudges["ng-1"]);
        Assert.Contains("Got it — I won't suggest this one again", CardTexts.Of(card));
    }

    [Fact]
    public async Task HandleAsync_SomeoneElsePresses_RefusedWithoutStreakAndNothingWritten()
    {
        _world.AddNudge("ng-0", "earlier-habit", NudgeWorld.MondayNine.AddDays(-7), NudgeResponse.Done);
        // The other person leads another team, so the leader lookup finds them: just not this nudge.
        await _world.Leaders.AddAsync(NudgeWorld.Leader() with { TeamKey = NudgeWorld.OtherTeamId, UserId = NudgeWorld.OtherPersonId, AadObjectId = null }, CancellationToken.None);

        var card = await PressAsync(NudgeVerbs.Done, fromId: NudgeWorld.OtherPersonId);

        await AssertValidAsync(card);
        Assert.Contains("That didn't work", CardTexts.Of(card));
        Assert.DoesNotContain("Streak", CardTexts.Joined(card), StringComparison.Ordinal);
        Assert.Equal(NudgeResponse.None, _world.Nudges["ng-1"]!.Response);
    }

    [Fact]
    public async Task HandleAsync_UnknownNudgeId_Refused()
    {
        var card = await _world.Handler().HandleAsync(NudgeWorld.Press(NudgeVerbs.Done, "ng-forged"), CancellationToken.None);

        Assert.Contains("That didn't work", CardTexts.Of(card));
        Assert.Single(_world.Nudges.All, r => r.Response == NudgeResponse.None);
    }

    [Fact]
    public async Task HandleAsync_NoNudgeIdOrNoIdentity_Refused()
    {
        var noId = NudgeWorld.Press(NudgeVerbs.Done, "ng-1") with { Data = new JsonObject() };
        var nobody = NudgeWorld.Press(NudgeVerbs.Done, "ng-1", fromId: null);

        Assert.Contains("That didn't work", CardTexts.Of(await _world.Handler().HandleAsync(noId, CancellationToken.None)));
        Assert.Contains("That didn't work", CardTexts.Of(await _world.Handler().HandleAsync(nobody, CancellationToken.None)));
        Assert.Equal(NudgeResponse.None, _world.Nudges["ng-1"]!.Response);
    }

    [Fact]
    public async Task HandleAsync_PressedWithEntraIdOnly_FindsTheLeader()
    {
        var action = NudgeWorld.Press(NudgeVerbs.Done, "ng-1", fromId: null) with { FromAadObjectId = NudgeWorld.LeaderAad };

        await _world.Handler().HandleAsync(action, CancellationToken.None);

        Assert.Equal(NudgeResponse.Done, _world.Nudges["ng-1"]!.Response);
    }

    [Fact]
    public async Task HandleAsync_ClientZoneDiffers_StoresItOnTheLeader()
    {
        await PressAsync(NudgeVerbs.Done, clientTimeZone: "America/Chicago");

        Assert.Equal("America/Chicago", _world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!.TimeZoneId);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("Not/AZone")]
    [InlineData(null)]
    public async Task HandleAsync_ClientZoneSameOrUnknown_LeaderNotUpdated(string? zone)
    {
        await PressAsync(NudgeVerbs.Done, clientTimeZone: zone);

        Assert.Equal(0, _world.Leaders.UpdateCalls);
        Assert.Equal("Europe/Berlin", _world.Leaders[TestIds.TeamId, NudgeWorld.LeaderId]!.TimeZoneId);
    }

    [Fact]
    public async Task HandleAsync_ReminderUsesTheNewClientZone()
    {
        await PressAsync(NudgeVerbs.RemindTomorrow, clientTimeZone: "Asia/Tokyo");

        // Tuesday 14:00 UTC is already 23:00 in Tokyo: tomorrow is Wednesday, 09:00 Tokyo = 00:00 UTC.
        var due = new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero);
        _world.Outbox.Verify(o => o.EnqueueAsync(It.IsAny<OutboundSend>(), due - TuesdayAfternoon, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_SwappedNudgeWhoseReplacementIsGone_ShowsTheSwappedView()
    {
        await _world.Nudges.SetResponseAsync(TestIds.TenantId, TestIds.TeamId, NudgeWorld.LeaderId, "ng-1", NudgeResponse.Another, TuesdayAfternoon, CancellationToken.None);

        var card = await PressAsync(NudgeVerbs.Done);

        await AssertValidAsync(card);
        Assert.Contains("You swapped this habit", CardTexts.Of(card));
        Assert.Equal(NudgeResponse.Another, _world.Nudges["ng-1"]!.Response);
    }

    [Fact]
    public void Verbs_AreTheFourNudgeButtons()
    {
        Assert.Equal(
            [NudgeVerbs.Done, NudgeVerbs.RemindTomorrow, NudgeVerbs.Another, NudgeVerbs.NotForMe],
            _world.Handler().Verbs);
    }

    private Task<JsonObject> PressAsync(string verb, string? fromId = NudgeWorld.LeaderId, string? clientTimeZone = null) =>
        _world.Handler().HandleAsync(NudgeWorld.Press(verb, "ng-1", fromId, clientTimeZone), CancellationToken.None);

    private static async Task AssertValidAsync(JsonObject card)
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(card);
        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    private static List<JsonObject> Actions(JsonObject card) => card["body"]!.AsArray()
        .OfType<JsonObject>()
        .Where(e => (string?)e["type"] == "ActionSet")
        .SelectMany(e => e["actions"]!.AsArray().OfType<JsonObject>())
        .ToList();
}
