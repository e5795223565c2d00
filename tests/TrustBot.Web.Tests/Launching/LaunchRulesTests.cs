using System.Net;
using Azure.Data.Tables;
using TrustBot.Core.Cards;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Launching;

/// <summary>Only a team's leaders start check-ins and speak-ups by hand, at most three a day per team. Real HTTP, real Azurite.</summary>
[Collection(BotHostGroup.Name)]
public sealed class LaunchRulesTests(BotHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    private string ThreadId => $"{_teams.SelectedChannelId};messageid=1776390257332";

    [Theory]
    [InlineData("checkin", "a check-in")]
    [InlineData("speakup", "a speak-up")]
    public async Task Launch_ByAMember_IsRefusedNamingTheLeaders_AndPostsNothing(string command, string what)
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        var member = TeamsUser.Create(4);

        using var response = await host.PostAsync(_teams.ChannelMentionFrom(member, command, []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await ReplyAsync("Only a team's leaders");
        Assert.Contains($"start {what}", reply, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", reply, StringComparison.Ordinal);
        Assert.Equal(0, CardsInTheChannel());
        Assert.Empty(await CounterRowsAsync());
    }

    [Fact]
    public async Task Launch_ByALeader_FourthOfTheDay_IsRefusedWithTheResetTime_CheckInsAndSpeakUpsTogether()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();

        for (var i = 0; i < 3; i++)
        {
            (await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "speakup", []))).Dispose();
        }

        using var fourth = await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "checkin", []));

        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        var reply = await ReplyAsync("started by hand today");
        Assert.Contains("You can start one again from", reply, StringComparison.Ordinal);
        Assert.Equal(3, CardsInTheChannel());
        Assert.Equal(3, Assert.Single(await CounterRowsAsync()).GetInt32("Count"));
    }

    [Fact]
    public async Task Launch_ByALeader_WhileACheckInIsOpen_DoesNotUseUpALaunch()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();

        (await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "checkin", []))).Dispose();
        (await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "checkin", []))).Dispose();

        await ReplyAsync("already open");
        Assert.Equal(1, Assert.Single(await CounterRowsAsync()).GetInt32("Count"));
    }

    [Fact]
    public async Task SpeakUp_ByALeader_WhosePromptCannotBePosted_SaysSo_AndDoesNotUseUpALaunch()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        host.Connector.FailNext(
            1, 400, when: r => r.ConversationId == _teams.SelectedChannelId && r.BodyText.Contains(CardVerbs.SpeakUpSubmit, StringComparison.Ordinal));

        (await host.PostAsync(_teams.ChannelMentionFrom(_teams.Installer, "speakup", []))).Dispose();

        await ReplyAsync("couldn't post the prompt");
        Assert.Equal(0, Assert.Single(await CounterRowsAsync()).GetInt32("Count"));
    }

    private async Task<List<TableEntity>> CounterRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Table("LaunchCounts").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {_teams.TenantId}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<string> ReplyAsync(string containing)
    {
        var reply = await host.Connector.WaitForRequestAsync(
            r => IsPostTo(r, ThreadId) && (r.Body?["text"]?.GetValue<string>() ?? "").Contains(containing, StringComparison.Ordinal),
            Wait);
        return reply.Body!["text"]!.GetValue<string>();
    }

    // Check-in and speak-up cards only: the install's welcome and privacy cards go to the same channel.
    private int CardsInTheChannel() => host.Connector.Requests.Count(r =>
        r.Method == "POST" && r.ConversationId == _teams.SelectedChannelId
        && (r.BodyText.Contains(CardVerbs.CheckInVote, StringComparison.Ordinal) || r.BodyText.Contains(CardVerbs.SpeakUpSubmit, StringComparison.Ordinal)));

    private static bool IsPostTo(RecordedRequest request, string conversationId) =>
        request.Method == "POST" && request.Path == $"/v3/conversations/{conversationId}/activities";
}
