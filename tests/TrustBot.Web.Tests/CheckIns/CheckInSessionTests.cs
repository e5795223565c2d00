using System.Net;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.CheckIns;

/// <summary>A scripted check-in with seven members through the real pipeline, against Azurite.</summary>
[Collection(BotHostGroup.Name)]
public sealed class CheckInSessionTests(BotHostFixture host)
{
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    [Fact]
    public async Task SevenMembers_ResultsOnlyFromK_DuplicateForeignAndClosedVotesChangeNothing()
    {
        var script = new CheckInScript(host, _teams);
        await script.StartAsync();
        Assert.NotEmpty(script.Inputs);
        var members = Enumerable.Range(1, 8).Select(TeamsUser.Create).ToList();

        // Before k = 5: each voter sees a thank-you with the count, never a distribution or score.
        for (var i = 0; i < 4; i++)
        {
            var view = await script.VoteAsync(members[i], value: i + 3);
            AssertAnsweredView(view, replies: i + 1);
        }

        AssertAnsweredView(await script.RefreshAsync(members[0]), replies: 4);
        AssertAskView(await script.RefreshAsync(members[6]));

        // The fifth vote makes k: the next fold counts all five at once and opens the results, for every voter.
        AssertAnsweredView(await script.VoteAsync(members[4], value: 7), replies: 5);
        Assert.Equal(5, (await script.WaitForRepliesAsync(5)).Replies);
        AssertResultsView(await script.RefreshAsync(members[4]));
        AssertResultsView(await script.RefreshAsync(members[1]));

        // Two more votes are fewer than k: the published results stay at five replies while the box is open.
        AssertResultsView(await script.VoteAsync(members[5], value: 1));
        AssertResultsView(await script.VoteAsync(members[6], value: 4));
        await Task.Delay(4500);
        Assert.Equal(5, (await script.TallyAsync()).Replies);

        // A second vote by the same person is refused and changes nothing.
        var before = await script.TallyAsync();
        await script.VoteAsync(members[2], value: 7);
        AssertSameTally(before, await script.TallyAsync());

        // A vote for a check-in that does not exist here, or from another conversation, is refused.
        AssertProblemView(await script.VoteAsync(members[7], 5, checkInId: Guid.NewGuid().ToString("N")));
        AssertProblemView(await script.VoteAsync(members[7], 5, conversationId: $"19:other{Guid.NewGuid():N}@thread.tacv2"));
        var otherTenant = new CheckInScript(host, new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString()));
        AssertProblemView(await otherTenant.VoteAsync(members[7], 5, checkInId: script.CheckInId));

        // An answer outside 1..7 is refused.
        using (var bad = await host.PostAsync(_teams.CardAction("checkin.vote", script.Answers(9), members[7])))
        {
            AssertProblemView(await PostedCards.InvokeCardAsync(bad));
        }

        AssertSameTally(before, await script.TallyAsync());

        // After closing, votes get the closed view and change nothing.
        Assert.True(await script.CloseAsync());
        var closed = await script.VoteAsync(members[7], value: 6);
        Assert.DoesNotContain("checkin.vote", closed.ToJsonString(), StringComparison.Ordinal);
        AssertSameTally(before, await script.TallyAsync());
    }

    [Fact]
    public async Task TeamWithThresholdThree_SeesResultsAtTheThirdReply()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();
        // The settings card writes this column; here the test plays that part.
        await host.Table("Installations").UpdateEntityAsync(
            new TableEntity(_teams.TenantId, _teams.TeamId) { ["AnonymityThreshold"] = 3 }, ETag.All, TableUpdateMode.Merge);
        var script = new CheckInScript(host, _teams);
        await script.StartAsync();

        AssertAnsweredView(await script.VoteAsync(TeamsUser.Create(1), value: 2), replies: 1);
        AssertAnsweredView(await script.VoteAsync(TeamsUser.Create(2), value: 6), replies: 2);
        var third = TeamsUser.Create(3);
        AssertAnsweredView(await script.VoteAsync(third, value: 7), replies: 3);
        await script.WaitForRepliesAsync(3);
        AssertResultsView(await script.RefreshAsync(third));
    }

    [Fact]
    public async Task Votes_UpdateTheSharedChannelCardInPlace_OncePerFold()
    {
        var script = new CheckInScript(host, _teams);
        await script.StartAsync();

        for (var i = 1; i <= 5; i++)
        {
            await script.VoteAsync(TeamsUser.Create(i), value: 5);
        }

        var update = await host.Connector.WaitForRequestAsync(
            r => r.Method == "PUT" && r.ConversationId == _teams.SelectedChannelId && PostedCards.Text(PostedCards.CardOf(r)).Contains("5 ", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Contains(script.CheckInId, update.BodyText, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.InRange(host.Connector.Requests.Count(r => r.Method == "PUT" && r.ConversationId == _teams.SelectedChannelId), 1, 2);
    }

    [Fact]
    public async Task CheckinInLeadersPersonalChat_PostsIntoTheirTeam()
    {
        (await host.PostAsync(_teams.TeamInstall())).Dispose();

        using var response = await host.PostAsync(_teams.PersonalMessageFrom(_teams.Installer, "checkin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == _teams.SelectedChannelId && r.BodyText.Contains("checkin.vote", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }

    internal static void AssertAnsweredView(JsonObject card, int replies)
    {
        var text = PostedCards.Text(card);
        Assert.Contains($"{replies} repl", text, StringComparison.Ordinal);
        Assert.DoesNotContain("checkin.vote", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("out of 100", text, StringComparison.Ordinal);
    }

    internal static void AssertAskView(JsonObject card) => Assert.NotEmpty(PostedCards.InputIds(card));

    internal static void AssertResultsView(JsonObject card)
    {
        Assert.Empty(PostedCards.InputIds(card));
        Assert.Contains("out of 100", PostedCards.Text(card), StringComparison.Ordinal);
    }

    internal static void AssertProblemView(JsonObject card)
    {
        Assert.Empty(PostedCards.InputIds(card));
        Assert.DoesNotContain("out of 100", PostedCards.Text(card), StringComparison.Ordinal);
    }

    private static void AssertSameTally(Core.Anonymity.Tally expected, Core.Anonymity.Tally actual)
    {
        Assert.Equal(expected.Replies, actual.Replies);
        Assert.Equal(expected.Counts.Keys.Order(), actual.Counts.Keys.Order());
        foreach (var (statement, counts) in expected.Counts)
        {
            Assert.Equal(counts, actual.Counts[statement]);
        }
    }
}
