using System.Net;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Messaging;

/// <summary><c>help</c> lists what the person asking can use: leader-only commands for leaders only. Real HTTP, real Azurite.</summary>
[Collection(BotHostGroup.Name)]
public sealed class HelpFlowTests(BotHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    private string ThreadId => $"{_teams.SelectedChannelId};messageid=1776390257332";

    [Fact]
    public async Task Help_FromTheTeamsLeaderInItsChannel_ListsLeaderCommands()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "help", []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("notes", await ListedCommandsAsync(ThreadId));
    }

    [Fact]
    public async Task Help_FromAMemberInTheChannel_LeavesLeaderCommandsOut()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(TeamsUser.Create(7), "help", []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = await ListedCommandsAsync(ThreadId);
        Assert.Contains("help", listed);
        Assert.Contains("privacy", listed);
        Assert.DoesNotContain("notes", listed);
    }

    [Fact]
    public async Task Help_FromALeaderInTheirPersonalChat_ListsLeaderCommands()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();

        using var response = await host.PostAsync(_teams.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("notes", await ListedCommandsAsync(_teams.PersonalConversationId));
    }

    private async Task<List<string>> ListedCommandsAsync(string conversationId)
    {
        var request = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == conversationId && (string?)r.Body?["summary"] == "What TrustBot can do",
            Wait);
        var body = request.Body!["attachments"]![0]!["content"]!["body"]!.AsArray();
        var facts = body.Single(item => (string?)item!["type"] == "FactSet")!["facts"]!.AsArray();
        return [.. facts.Select(fact => (string)fact!["title"]!)];
    }
}
