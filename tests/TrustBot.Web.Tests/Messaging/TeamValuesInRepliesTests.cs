using System.Net;
using Azure;
using Azure.Data.Tables;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Messaging;

/// <summary>
/// Every text that names k names the team's own (in a leader's 1:1 chat, each led team's), and the privacy notice
/// says exactly what is shown below k. Real HTTP, real Azurite, a team whose k is 7 and zone Europe/Berlin.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class TeamValuesInRepliesTests(BotHostFixture host)
{
    private const string HelpSummary = "What TrustBot can do";
    private const string PrivacySummary = "TrustBot and your privacy";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    private string ThreadId => $"{_teams.SelectedChannelId};messageid=1776390257332";

    [Fact]
    public async Task Help_InTheLeadersChat_NamesTheTeamsThreshold()
    {
        await InstallAsync(_teams, k: 7);

        using var response = await host.PostAsync(_teams.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await CardTextAsync(_teams.PersonalConversationId, HelpSummary);
        Assert.Contains("until at least 7 people have answered", text, StringComparison.Ordinal);
        Assert.DoesNotContain("at least 5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_InTheTeamsChannel_NamesTheTeamsThreshold()
    {
        await InstallAsync(_teams, k: 7);

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(TeamsUser.Create(3), "help", []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("until at least 7 people have answered", await CardTextAsync(ThreadId, HelpSummary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForALeaderOfTwoTeamsWithDifferentThresholds_NamesEachTeamsThreshold()
    {
        await InstallAsync(_teams, k: 7);
        var ops = new TeamsActivities(host.ServiceUrl, _teams.TenantId);
        var install = ops.TeamInstall();
        install["from"] = _teams.Installer.ToAccount();
        install["channelData"]!["team"]!["name"] = "Ops Team";
        (await host.PostAsync(install)).Dispose();
        await SetTeamAsync(ops, k: 4);

        using var response = await host.PostAsync(_teams.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await CardTextAsync(_teams.PersonalConversationId, HelpSummary);
        Assert.Contains("at least 7 in Platform Team, 4 in Ops Team", text, StringComparison.Ordinal);
        Assert.DoesNotContain("at least 5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Privacy_InTheLeadersChat_NamesTheTeamsThresholdAndWhatIsShownBelowIt()
    {
        await InstallAsync(_teams, k: 7);

        using var response = await host.PostAsync(_teams.PersonalMessage("privacy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await CardTextAsync(_teams.PersonalConversationId, PrivacySummary);
        Assert.Contains("once at least 7 people have answered", text, StringComparison.Ordinal);
        Assert.DoesNotContain("at least 5", text, StringComparison.Ordinal);
        Assert.Contains(
            "**Before that:** only how many people have replied so far. No answer, distribution or score is shown to anyone.",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Privacy_InTheChannel_SaysTheReplyCountIsShownBelowK_AsTheCheckInCardDoes()
    {
        await InstallAsync(_teams, k: 7);

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(TeamsUser.Create(3), "privacy", []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = await CardTextAsync(ThreadId, PrivacySummary);
        Assert.Contains("only how many people have replied so far", notice, StringComparison.Ordinal);
        Assert.Contains("No answer, distribution or score is shown to anyone", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("no count", notice, StringComparison.OrdinalIgnoreCase);

        // The check-in card below k shows exactly that: the number of replies and when results appear, nothing more.
        (await host.PostAsync(_teams.ChannelMention("checkin"))).Dispose();
        var card = PostedCards.CardOf(await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == _teams.SelectedChannelId && r.BodyText.Contains("checkin.vote", StringComparison.Ordinal),
            Wait));
        var cardText = PostedCards.Text(card);
        Assert.Contains("0 replies so far; results appear at 7.", cardText, StringComparison.Ordinal);
        Assert.DoesNotContain("out of 100", cardText, StringComparison.Ordinal);
    }

    private async Task InstallAsync(TeamsActivities teams, int k)
    {
        host.Connector.SetRoster([StubConnector.Member(teams.UserId, "Ada Lovelace", teams.UserAadObjectId)], teams.TeamId);
        (await host.PostAsync(teams.TeamInstall())).Dispose();
        await SetTeamAsync(teams, k);
    }

    /// <summary>Gives the team its k and the zone Europe/Berlin, as a saved settings card would.</summary>
    private async Task SetTeamAsync(TeamsActivities teams, int k) =>
        await host.Table("Installations").UpdateEntityAsync(
            new TableEntity(teams.TenantId, teams.TeamId)
            {
                ["AnonymityThreshold"] = k,
                ["ScheduleDay"] = "Tuesday",
                ["ScheduleTime"] = "10:00:00",
                ["ScheduleTimeZone"] = "Europe/Berlin",
            },
            ETag.All,
            TableUpdateMode.Merge);

    private async Task<string> CardTextAsync(string conversationId, string summary)
    {
        var request = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == conversationId && (string?)r.Body?["summary"] == summary,
            Wait);
        return PostedCards.Text(request.Body!["attachments"]![0]!["content"]!);
    }
}
