using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Installations;
using TrustBot.Core.Scheduling;
using TrustBot.Core.Settings;
using TrustBot.Testing.Connector;
using TrustBot.Testing.Schemas;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Settings;

/// <summary>
/// <c>settings</c> in a team's channel → the card in the leader's private chat → saved through an
/// <c>adaptiveCard/action</c> invoke. Real HTTP, real JWT validation, real Azurite.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class SettingsFlowTests(BotHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());
    private readonly TeamsUser _grace = TeamsUser.Create(1);
    private readonly string _randomChannelId = $"19:random{Guid.NewGuid():N}@thread.tacv2";

    private IInstallationStore Installations => host.Factory.Services.GetRequiredService<IInstallationStore>();

    private ITimetable Timetable => host.Factory.Services.GetRequiredService<ITimetable>();

    private string ThreadId => $"{_teams.SelectedChannelId};messageid=1776390257332";

    [Fact]
    public async Task Settings_ByTheLeaderInTheChannel_SendsASchemaValidCardToTheirPrivateChat()
    {
        await InstallAsync();

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "settings", []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await SettingsCardInChatAsync();
        var errors = await AdaptiveCardSchema.ValidateAsync(card);
        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
        Assert.Contains("Settings for Platform Team", PostedCards.Text(card), StringComparison.Ordinal);
        Assert.Equal(_teams.TeamId, PostedCards.ActionData(card, SettingsVerbs.TeamKey));
        Assert.Contains(SettingsVerbs.ThresholdInput, PostedCards.InputIds(card));
        Assert.DoesNotContain(_teams.TenantId, card.ToJsonString(), StringComparison.Ordinal);
        await ReplyAsync("private chat");
    }

    [Fact]
    public async Task Save_ValidSettings_AreStoredAndTheCheckInMovesToTheNewDayAndTime()
    {
        await InstallAsync();

        using var response = await host.PostAsync(Submit(ValidData()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await PostedCards.InvokeCardAsync(response);
        Assert.Contains("Settings saved for Platform Team", PostedCards.Text(card), StringComparison.Ordinal);
        var team = await TeamAsync();
        Assert.Equal(_randomChannelId, team.ChannelId);
        Assert.Equal(_randomChannelId, team.ConversationId);
        Assert.Equal(8, team.AnonymityThreshold);
        Assert.True(team.ShareNotesInChannel);
        Assert.Equal(new TeamSchedule(DayOfWeek.Thursday, new TimeOnly(14, 30), "Asia/Tokyo", 2, 2, null), team.Schedule);

        var checkIn = await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.CheckIn, CancellationToken.None);
        Assert.NotNull(checkIn);
        var local = TimeZoneInfo.ConvertTime(checkIn.DueAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Equal((DayOfWeek.Thursday, new TimeOnly(14, 30)), (local.DayOfWeek, TimeOnly.FromDateTime(local.DateTime)));
        Assert.True(checkIn.DueAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Save_AddingALeaderFromTheRoster_EnrolsThemWithANudge()
    {
        await InstallAsync();

        using var response = await host.PostAsync(Submit(ValidData($"{_teams.UserId},{_grace.Id}")));

        Assert.Contains($"{_grace.Name} now leads", PostedCards.Text(await PostedCards.InvokeCardAsync(response)), StringComparison.Ordinal);
        Assert.NotNull(await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, _grace.Id), CancellationToken.None));
    }

    [Theory]
    [InlineData(SettingsVerbs.ThresholdInput, "2", "whole number from 3 to 25")]
    [InlineData(SettingsVerbs.ThresholdInput, "26", "whole number from 3 to 25")]
    [InlineData(SettingsVerbs.TimeZoneInput, "Atlantis/Capital", "I don't know the time zone")]
    [InlineData(SettingsVerbs.PausedUntilInput, "2020-01-01", "has already passed")]
    public async Task Save_InvalidValue_ReturnsTheCardWithTheMessageAndStorageIsUnchanged(string input, string value, string message)
    {
        await InstallAsync();
        var before = await TeamAsync();
        var checkInBefore = await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.CheckIn, CancellationToken.None);
        var data = ValidData();
        data[input] = value;

        using var response = await host.PostAsync(Submit(data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PostedCards.Text(await PostedCards.InvokeCardAsync(response));
        Assert.Contains("Nothing was saved", text, StringComparison.Ordinal);
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.Equal(before, await TeamAsync());
        Assert.Equal(checkInBefore?.DueAt, (await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.CheckIn, CancellationToken.None))?.DueAt);
    }

    [Fact]
    public async Task Settings_ByANonLeader_IsRefusedNamingTheLeader_AndNoCardIsSent()
    {
        await InstallAsync();

        (await host.PostAsync(_teams.ChannelMentionFrom(_grace, "settings", []))).Dispose();

        var reply = await ReplyAsync("Only the leaders");
        Assert.Contains("Ada Lovelace", reply, StringComparison.Ordinal);
        Assert.Null(host.Connector.PersonalConversationId(_teams.TenantId, _grace.Id));
    }

    [Fact]
    public async Task Save_ByANonLeader_IsRefusedAndChangesNothing()
    {
        await InstallAsync();
        var before = await TeamAsync();

        using var response = await host.PostAsync(Submit(ValidData(_grace.Id), _grace));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SettingsActionHandler.NotALeaderMessage, PostedCards.Text(await PostedCards.InvokeCardAsync(response)), StringComparison.Ordinal);
        Assert.Equal(before, await TeamAsync());
        Assert.Null(await Timetable.GetAsync(_teams.TenantId, _teams.TeamId, JobNames.For(JobNames.Nudge, _grace.Id), CancellationToken.None));
    }

    [Fact]
    public async Task Save_FromAnotherTenantNamingThisTeam_ChangesNothing()
    {
        await InstallAsync();
        var before = await TeamAsync();
        var intruder = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());
        var submit = Submit(ValidData());
        submit["conversation"]!["tenantId"] = intruder.TenantId;
        submit["channelData"]!["tenant"]!["id"] = intruder.TenantId;

        using var response = await host.PostAsync(submit);

        Assert.Contains(SettingsActionHandler.NotALeaderMessage, PostedCards.Text(await PostedCards.InvokeCardAsync(response)), StringComparison.Ordinal);
        Assert.Equal(before, await TeamAsync());
    }

    [Fact]
    public async Task Save_WithoutAValidToken_Gets401AndChangesNothing()
    {
        await InstallAsync();
        var before = await TeamAsync();

        using var response = await host.PostRawAsync(Submit(ValidData()).ToJsonString(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await TeamAsync());
    }

    private async Task InstallAsync()
    {
        host.Connector.SetChannels(_teams.TeamId, [(_teams.TeamId, null), (_teams.SelectedChannelId, "Check-ins"), (_randomChannelId, "Random")]);
        host.Connector.SetRoster(
            [
                StubConnector.Member(_teams.UserId, "Ada Lovelace", _teams.UserAadObjectId),
                StubConnector.Member(_grace.Id, _grace.Name, _grace.AadObjectId),
                StubConnector.Member(BotHostFixture.BotId, "TrustBot"),
            ],
            _teams.TeamId);
        using var install = await host.PostAsync(_teams.TeamInstall());
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
    }

    private JsonObject ValidData(string? leaders = null) => new()
    {
        [SettingsVerbs.TeamKey] = _teams.TeamId,
        [SettingsVerbs.ChannelInput] = _randomChannelId,
        [SettingsVerbs.CadenceInput] = "2",
        [SettingsVerbs.DayInput] = "Thursday",
        [SettingsVerbs.TimeInput] = "14:30",
        [SettingsVerbs.TimeZoneInput] = "Asia/Tokyo",
        [SettingsVerbs.QuestionSetInput] = "PsychologicalSafety",
        [SettingsVerbs.ThresholdInput] = "8",
        [SettingsVerbs.NotesInput] = SettingsVerbs.NotesAlsoInChannel,
        [SettingsVerbs.PausedUntilInput] = "",
        [SettingsVerbs.LeadersInput] = leaders ?? _teams.UserId,
    };

    /// <summary>The Save button pressed in a person's 1:1 chat with the bot (default: the installer's).</summary>
    private JsonObject Submit(JsonObject data, TeamsUser? user = null)
    {
        var person = user ?? _teams.Installer;
        var activity = _teams.CardAction(SettingsVerbs.Save, data, person, person.PersonalConversationId);
        activity["conversation"] = new JsonObject
        {
            ["id"] = person.PersonalConversationId,
            ["conversationType"] = "personal",
            ["tenantId"] = _teams.TenantId,
        };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = _teams.TenantId } };
        return activity;
    }

    private async Task<Installation> TeamAsync() =>
        await Installations.GetAsync(_teams.TenantId, _teams.TeamId, CancellationToken.None) ?? throw new InvalidOperationException("The team is not installed.");

    private async Task<JsonObject> SettingsCardInChatAsync()
    {
        var request = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST"
                && r.ConversationId == host.Connector.PersonalConversationId(_teams.TenantId, _teams.UserId)
                && r.Body?["attachments"] is JsonArray { Count: > 0 }
                && PostedCards.Text(PostedCards.CardOf(r)).Contains("Settings for", StringComparison.Ordinal),
            Wait);
        return PostedCards.CardOf(request);
    }

    private async Task<string> ReplyAsync(string containing)
    {
        var reply = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.Path == $"/v3/conversations/{ThreadId}/activities"
                && (r.Body?["text"]?.GetValue<string>() ?? "").Contains(containing, StringComparison.Ordinal),
            Wait);
        return reply.Body!["text"]!.GetValue<string>();
    }
}
