using System.Text.Json.Nodes;
using TrustBot.Core.Installations;
using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Settings;
using TrustBot.Core.Tests.Cards;
using TrustBot.Core.Tests.Leaders;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Settings;

public sealed class SettingsActionHandlerTests
{
    private readonly SettingsHarness _harness = new();

    [Fact]
    public async Task Save_ValidValues_StoresThemAndMovesTheCheckInToTheNewSlot()
    {
        var card = await _harness.PressAsync(SettingsHarness.ValidData());

        var team = _harness.Team;
        Assert.Equal(SettingsHarness.OtherChannelId, team.ChannelId);
        Assert.Equal(SettingsHarness.OtherChannelId, team.ConversationId);
        Assert.Equal(new TeamSchedule(DayOfWeek.Thursday, new TimeOnly(14, 30), "America/New_York", 2, 2, null), team.Schedule);
        Assert.Equal(QuestionSet.Trust, team.QuestionSet);
        Assert.Equal(7, team.AnonymityThreshold);
        Assert.True(team.ShareNotesInChannel);

        // Thursday 26 November 2026, 14:30 in New York (UTC-5).
        var expected = new DateTimeOffset(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);
        Assert.Equal(expected, _harness.Timetable[TestIds.TenantId, TestIds.TeamId, JobNames.CheckIn]!.DueAt);
        Assert.NotNull(_harness.Timetable[TestIds.TenantId, TestIds.TeamId, JobNames.Digest]);
        var strings = string.Join("\n", CardInspection.VisibleStrings(card));
        Assert.Contains("Settings saved for Platform Team", strings, StringComparison.Ordinal);
        Assert.Contains("Thursday 26 November 2026 at 14:30 (America/New_York)", strings, StringComparison.Ordinal);
        Assert.Contains("#Random", strings, StringComparison.Ordinal);
        var errors = await AdaptiveCardSchema.ValidateAsync(card);
        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Fact]
    public async Task Save_WithAPause_PlansTheNextCheckInAfterThePause()
    {
        var data = SettingsHarness.ValidData();
        data[SettingsVerbs.PausedUntilInput] = "2027-01-04";
        data[SettingsVerbs.CadenceInput] = "1";

        await _harness.PressAsync(data);

        Assert.Equal(new DateOnly(2027, 1, 4), _harness.Team.Schedule!.PausedUntil);
        var due = _harness.Timetable[TestIds.TenantId, TestIds.TeamId, JobNames.CheckIn]!.DueAt;
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 19, 30, 0, TimeSpan.Zero), due);
    }

    [Theory]
    [InlineData(SettingsVerbs.ThresholdInput, "26", SettingsValidator.ThresholdProblem)]
    [InlineData(SettingsVerbs.ThresholdInput, "2", SettingsValidator.ThresholdProblem)]
    [InlineData(SettingsVerbs.PausedUntilInput, "2026-01-01", "has already passed")]
    [InlineData(SettingsVerbs.TimeZoneInput, "Nowhere/Land", "I don't know the time zone")]
    [InlineData(SettingsVerbs.ChannelInput, "19:channel-of-another-team@thread.tacv2", SettingsValidator.ChannelProblem)]
    [InlineData(SettingsVerbs.LeadersInput, "", SettingsValidator.NoLeadersProblem)]
    [InlineData(SettingsVerbs.LeadersInput, "28:somebot", SettingsValidator.BotLeaderProblem)]
    public async Task Save_AnyInvalidValue_ReturnsTheCardWithTheProblemAndChangesNothing(string input, string value, string problem)
    {
        var before = _harness.Team;
        var data = SettingsHarness.ValidData(SettingsHarness.GraceId);
        data[input] = value;

        var card = await _harness.PressAsync(data);

        var text = string.Join("\n", CardInspection.Texts(card));
        Assert.Contains("Nothing was saved", text, StringComparison.Ordinal);
        Assert.Contains(problem, text, StringComparison.Ordinal);
        Assert.Equal(before, _harness.Team);
        Assert.Equal([SettingsHarness.AdaId], _harness.Leaders.All.Select(l => l.UserId));
        Assert.Empty(_harness.Timetable.All);
        if (input != SettingsVerbs.LeadersInput)
        {
            // The submitted value is shown back, so the person sees what to fix.
            Assert.Equal(value, SettingsCardTests.Input(card, input)["value"]?.ToString() ?? string.Empty, StringComparer.Ordinal);
        }
    }

    [Fact]
    public async Task Save_AddingAndRemovingLeaders_EnrolsWithANudgeAndRemovesTheNudgeOfWhoLeft()
    {
        _harness.Leaders.Seed(LeaderTestData.Leader(SettingsHarness.AlanId, "Alan Turing"));
        await _harness.Timetable.SetAsync(new TimetableEntry(TestIds.TenantId, TestIds.TeamId, JobNames.For(JobNames.Nudge, SettingsHarness.AlanId), LeaderTestData.Now.AddDays(3)), default);

        var card = await _harness.PressAsync(SettingsHarness.ValidData($"{SettingsHarness.AdaId},{SettingsHarness.GraceId}"));

        Assert.Equal(
            [SettingsHarness.AdaId, SettingsHarness.GraceId],
            _harness.Leaders.All.Select(l => l.UserId).Order(StringComparer.Ordinal));
        var grace = _harness.Leaders.All.Single(l => l.UserId == SettingsHarness.GraceId);
        Assert.Equal(("aad-grace", "Grace Hopper", TestIds.ServiceUrl, TestIds.BotId), (grace.AadObjectId, grace.Name, grace.ServiceUrl, grace.BotId));
        var nudge = _harness.Timetable[TestIds.TenantId, TestIds.TeamId, JobNames.For(JobNames.Nudge, SettingsHarness.GraceId)];
        Assert.NotNull(nudge);
        Assert.True(nudge.DueAt > LeaderTestData.Now);
        Assert.Null(_harness.Timetable[TestIds.TenantId, TestIds.TeamId, JobNames.For(JobNames.Nudge, SettingsHarness.AlanId)]);
        var text = string.Join("\n", CardInspection.Texts(card));
        Assert.Contains("Grace Hopper now leads", text, StringComparison.Ordinal);
        Assert.Contains("Alan Turing no longer leads", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_LeaderAddedAfterTheCardWasShown_IsKept()
    {
        _harness.Leaders.Seed(LeaderTestData.Leader(SettingsHarness.GraceId, "Grace Hopper") with { AddedAt = LeaderTestData.Now.AddMinutes(5) });
        _harness.Time.Advance(TimeSpan.FromMinutes(10));
        var data = SettingsHarness.ValidData();
        data[SettingsVerbs.ShownAt] = "2026-11-23T10:00:00Z";

        await _harness.PressAsync(data);

        Assert.Contains(_harness.Leaders.All, l => l.UserId == SettingsHarness.GraceId);
    }

    [Fact]
    public async Task Save_NewLeaderNotOnTheRoster_IsRefusedAndNothingChanges()
    {
        var before = _harness.Team;

        var card = await _harness.PressAsync(SettingsHarness.ValidData($"{SettingsHarness.AdaId},29:1stranger"));

        Assert.Contains(SettingsActionHandler.NotOnRosterProblem, string.Join("\n", CardInspection.Texts(card)), StringComparison.Ordinal);
        Assert.Equal(before, _harness.Team);
        Assert.Single(_harness.Leaders.All);
    }

    [Fact]
    public async Task Save_NewLeaderWhileTheRosterCannotBeRead_IsRefusedWithAPointerToLeadersAdd()
    {
        _harness.FailRoster = true;

        var card = await _harness.PressAsync(SettingsHarness.ValidData($"{SettingsHarness.AdaId},{SettingsHarness.GraceId}"));

        Assert.Contains(SettingsActionHandler.RosterUnreadableProblem, string.Join("\n", CardInspection.Texts(card)), StringComparison.Ordinal);
        Assert.Single(_harness.Leaders.All);
        Assert.Null(_harness.Team.AnonymityThreshold);
    }

    [Fact]
    public async Task Save_ByANonLeader_IsRefusedAndChangesNothing()
    {
        var before = _harness.Team;

        var card = await _harness.PressAsync(SettingsHarness.ValidData(SettingsHarness.GraceId), fromId: SettingsHarness.GraceId, fromAad: "aad-grace");

        Assert.Contains(SettingsActionHandler.NotALeaderMessage, CardInspection.Texts(card));
        Assert.Equal(before, _harness.Team);
        Assert.Equal([SettingsHarness.AdaId], _harness.Leaders.All.Select(l => l.UserId));
        Assert.Empty(_harness.Timetable.All);
    }

    [Fact]
    public async Task Save_WithoutAnyIdentity_IsRefused()
    {
        var card = await _harness.PressAsync(SettingsHarness.ValidData(), fromId: null);

        Assert.Contains(SettingsActionHandler.NoIdentityMessage, CardInspection.Texts(card));
        Assert.Null(_harness.Team.AnonymityThreshold);
    }

    [Fact]
    public async Task Save_FromAnotherTenantNamingThisTeam_CannotChangeIt()
    {
        // Ada leads a team with the same key in the other tenant; the data names the key, the activity the other tenant.
        _harness.Installations.Seed(LeaderTestData.Team() with { TenantId = TestIds.OtherTenantId, TeamName = "Other Tenant Team" });
        var before = _harness.Team;
        var data = SettingsHarness.ValidData();
        data["tenantId"] = TestIds.TenantId;

        var card = await _harness.PressAsync(data, tenantId: TestIds.OtherTenantId);

        Assert.Contains(SettingsActionHandler.NotALeaderMessage, CardInspection.Texts(card));
        Assert.Equal(before, _harness.Team);
        Assert.Null(_harness.Installations[TestIds.OtherTenantId, TestIds.TeamId]!.AnonymityThreshold);
    }

    [Fact]
    public async Task Save_NamingATeamThePresserDoesNotLead_CannotChangeIt()
    {
        var other = LeaderTestData.Team() with { Key = "19:other-team@thread.tacv2", TeamId = "19:other-team@thread.tacv2" };
        _harness.Installations.Seed(other);
        var data = SettingsHarness.ValidData();
        data[SettingsVerbs.TeamKey] = other.Key;

        var card = await _harness.PressAsync(data);

        Assert.Contains(SettingsActionHandler.NotALeaderMessage, CardInspection.Texts(card));
        Assert.Equal(other, _harness.Installations[TestIds.TenantId, other.Key]);
    }

    [Fact]
    public async Task Save_WithoutATeamKey_IsRefused()
    {
        var data = SettingsHarness.ValidData();
        data.Remove(SettingsVerbs.TeamKey);

        var card = await _harness.PressAsync(data);

        Assert.Contains(SettingsActionHandler.MissingTeamMessage, CardInspection.Texts(card));
    }

    [Fact]
    public async Task Save_TeamRemoved_IsRefusedAndNothingIsWritten()
    {
        await _harness.Installations.MarkRemovedAsync(TestIds.TenantId, TestIds.TeamId, LeaderTestData.Now, default);

        var card = await _harness.PressAsync(SettingsHarness.ValidData());

        Assert.Contains(SettingsActionHandler.TeamGoneMessage, CardInspection.Texts(card));
        Assert.Equal(InstallationStatus.Removed, _harness.Team.Status);
        Assert.Empty(_harness.Timetable.All);
    }

    [Fact]
    public async Task Open_ByALeader_ShowsTheCurrentSettings()
    {
        var card = await _harness.PressAsync(new JsonObject { [SettingsVerbs.TeamKey] = TestIds.TeamId }, SettingsVerbs.Open);

        Assert.Equal("Europe/Berlin", (string?)SettingsCardTests.Input(card, SettingsVerbs.TimeZoneInput)["value"]);
        Assert.Null(_harness.Team.AnonymityThreshold);
    }
}
