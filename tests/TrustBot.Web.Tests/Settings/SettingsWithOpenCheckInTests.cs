using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Settings;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Settings;

/// <summary>
/// Saving settings while a check-in is open: when the next slot falls inside it, the confirmation says when the
/// open one closes and names the check-in that will really start. Real HTTP, real Azurite, zone Europe/Berlin.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class SettingsWithOpenCheckInTests(BotHostFixture host)
{
    private const string BerlinZone = "Europe/Berlin";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById(BerlinZone);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    [Fact]
    public async Task Save_WithTheNextSlotInsideTheOpenCheckIn_SaysWhenItClosesAndWhenTheNextOneReallyStarts()
    {
        await InstallAsync();
        (await host.PostAsync(_teams.ChannelMention("checkin"))).Dispose();
        var posted = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == _teams.SelectedChannelId && r.BodyText.Contains("checkin.vote", StringComparison.Ordinal),
            Wait);
        var checkInId = PostedCards.ActionData(PostedCards.CardOf(posted), "checkInId")!;
        var open = await host.Factory.Services.GetRequiredService<ICheckInStore>().GetAsync(_teams.TenantId, checkInId, CancellationToken.None);

        // A weekly slot two hours from now: well inside the three days the open check-in lasts.
        var slot = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(2), Berlin);
        using var response = await host.PostAsync(Submit(slot));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PostedCards.Text(await PostedCards.InvokeCardAsync(response));
        Assert.Contains("Settings saved", text, StringComparison.Ordinal);
        var closes = TimeZoneInfo.ConvertTime(open!.ClosesAt, Berlin).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        var next = slot.AddDays(7);
        Assert.Contains(
            $"The check-in open now closes {closes}; the next one starts on "
            + $"{next.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} at {slot.ToString("HH:mm", CultureInfo.InvariantCulture)} ({BerlinZone}).",
            text,
            StringComparison.Ordinal);
    }

    private async Task InstallAsync()
    {
        host.Connector.SetChannels(_teams.TeamId, [(_teams.TeamId, null), (_teams.SelectedChannelId, "Check-ins")]);
        host.Connector.SetRoster(
            [
                StubConnector.Member(_teams.UserId, "Ada Lovelace", _teams.UserAadObjectId),
                StubConnector.Member(BotHostFixture.BotId, "TrustBot"),
            ],
            _teams.TeamId);
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
    }

    /// <summary>The installer's Save, in their 1:1 chat: weekly at <paramref name="slot"/>'s day and time in Berlin, k = 7.</summary>
    private JsonObject Submit(DateTimeOffset slot)
    {
        var data = new JsonObject
        {
            [SettingsVerbs.TeamKey] = _teams.TeamId,
            [SettingsVerbs.ChannelInput] = _teams.SelectedChannelId,
            [SettingsVerbs.CadenceInput] = "1",
            [SettingsVerbs.DayInput] = slot.DayOfWeek.ToString(),
            [SettingsVerbs.TimeInput] = slot.ToString("HH:mm", CultureInfo.InvariantCulture),
            [SettingsVerbs.TimeZoneInput] = BerlinZone,
            [SettingsVerbs.QuestionSetInput] = "PsychologicalSafety",
            [SettingsVerbs.ThresholdInput] = "7",
            [SettingsVerbs.NotesInput] = SettingsVerbs.NotesAlsoInChannel,
            [SettingsVerbs.PausedUntilInput] = "",
            [SettingsVerbs.LeadersInput] = _teams.UserId,
        };
        var person = _teams.Installer;
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
}
