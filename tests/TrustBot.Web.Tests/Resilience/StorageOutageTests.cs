using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Anonymity;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Resilience;

/// <summary>
/// Storage goes away in the middle of a check-in and comes back, through the real HTTP pipeline against an Azurite
/// that is stopped and restarted with its data kept. Every person gets a friendly answer instead of a 500, the install
/// event is asked for again with 503 + Retry-After, and no vote is lost, counted while storage was away, or counted twice.
/// </summary>
public sealed class StorageOutageTests
{
    private const string OutageReply = "can't reach my storage";
    private const string InstallDuringOutage = "install during outage";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StorageDownMidCheckIn_FriendlyAnswersNo500s_AndEveryVoteCountsExactlyOnceAfterwards()
    {
        await using var host = await OutageHost.StartAsync();
        var teams = new TeamsActivities(host.Connector.ServiceUrl, Guid.NewGuid().ToString());
        var members = Enumerable.Range(1, 6).Select(TeamsUser.Create).ToList();
        await PostAsync(host, "install", teams.TeamInstall());
        var (checkInId, inputs) = await LaunchCheckInAsync(host, teams);
        for (var i = 0; i < 3; i++)
        {
            var counted = await VoteAsync(host, teams, members[i], checkInId, inputs);
            Assert.Contains($"{i + 1} repl", PostedCards.Text(counted), StringComparison.Ordinal);
        }

        await host.Azurite.StopAsync();

        // Votes, from new voters and from one who already voted: not saved, try again; nothing says thanks.
        foreach (var member in members.Skip(3).Append(members[0]))
        {
            var card = await VoteAsync(host, teams, member, checkInId, inputs);
            var text = PostedCards.Text(card);
            Assert.Contains("not saved", text, StringComparison.Ordinal);
            Assert.DoesNotContain("thanks", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("repl", text, StringComparison.Ordinal);
            Assert.Equal(checkInId, PostedCards.ActionData(card, "checkInId"));
            Assert.Contains("checkin.refresh", card.ToJsonString(), StringComparison.Ordinal);
        }

        // Messages: a short reply through the Connector, which needs no storage.
        var asker = members[3];
        await PostAsync(host, "help in 1:1", teams.PersonalMessageFrom(asker, "help"));
        await host.Connector.WaitForRequestAsync(
            r => r.ConversationId == asker.PersonalConversationId && IsOutageReply(r), Patience);
        await PostAsync(host, "checkin in channel", teams.ChannelMention("checkin"));
        await host.Connector.WaitForRequestAsync(
            r => r.ConversationId?.StartsWith(teams.SelectedChannelId, StringComparison.Ordinal) == true && IsOutageReply(r), Patience);

        // An install that cannot be stored is asked for again, never acknowledged and lost.
        var otherTeam = new TeamsActivities(host.Connector.ServiceUrl, Guid.NewGuid().ToString());
        using (var install = await host.SendAsync(InstallDuringOutage, otherTeam.TeamInstall()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, install.StatusCode);
            Assert.True(install.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to retry");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.ReadinessAsync());

        await host.Azurite.RestartAsync();
        await WaitUntilReadyAsync(host);

        // The channel's retry of the install lands now: the new team is welcomed.
        await PostAsync(host, "install retried", otherTeam.TeamInstall());
        await host.Connector.WaitForRequestAsync(r => r.Method == "POST" && r.ConversationId == otherTeam.SelectedChannelId, Patience);

        // Those whose votes failed vote again and are counted; the earlier voter trying again is not counted twice.
        foreach (var member in members.Skip(3).Append(members[0]))
        {
            var card = await VoteAsync(host, teams, member, checkInId, inputs);
            Assert.DoesNotContain("not saved", PostedCards.Text(card), StringComparison.Ordinal);
        }

        // Six people took part, each once; the folds publish them in groups of at least k = 5, every answer a 5.
        var ballots = host.Factory.Services.GetRequiredService<IBallotBox>();
        Assert.Equal(6, await ballots.CountParticipantsAsync(teams.TenantId, checkInId, CancellationToken.None));
        var tally = await WaitForPublishedAsync(ballots, teams.TenantId, checkInId, atLeast: 5);
        Assert.InRange(tally.Replies, 5, 6);
        Assert.Equal(inputs.Count, tally.Counts.Count);
        foreach (var counts in tally.Counts.Values)
        {
            Assert.Equal([0, 0, 0, 0, tally.Replies, 0, 0], counts);
        }

        var failures = host.Answers.Where(a => (int)a.Status >= 500 && a.What != InstallDuringOutage).ToList();
        Assert.True(failures.Count == 0, "Answered with a 5xx: " + string.Join(", ", failures));
    }

    private static async Task<Tally> WaitForPublishedAsync(IBallotBox ballots, string tenantId, string checkInId, int atLeast)
    {
        // A fold cut off by the outage holds its lease and messages for up to 30 s each before the next takes over.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(75);
        while (true)
        {
            var tally = await ballots.GetTallyAsync(tenantId, checkInId, CancellationToken.None);
            if (tally.Replies >= atLeast || DateTimeOffset.UtcNow > deadline)
            {
                return tally;
            }

            await Task.Delay(200);
        }
    }

    private static bool IsOutageReply(RecordedRequest request) =>
        request.Body?["text"] is JsonValue text && text.TryGetValue<string>(out var value) && value.Contains(OutageReply, StringComparison.Ordinal);

    private static async Task<(string CheckInId, IReadOnlyList<string> Inputs)> LaunchCheckInAsync(OutageHost host, TeamsActivities teams)
    {
        await PostAsync(host, "checkin", teams.ChannelMention("checkin"));
        var posted = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == teams.SelectedChannelId
                && r.Body?["attachments"] is not null && PostedCards.ActionData(PostedCards.CardOf(r), "checkInId") is not null,
            Patience);
        var card = PostedCards.CardOf(posted);
        return (PostedCards.ActionData(card, "checkInId")!, PostedCards.InputIds(card));
    }

    private static async Task<JsonObject> VoteAsync(OutageHost host, TeamsActivities teams, TeamsUser member, string checkInId, IReadOnlyList<string> inputs)
    {
        var data = new JsonObject { ["checkInId"] = checkInId };
        foreach (var input in inputs)
        {
            data[input] = 5.ToString(CultureInfo.InvariantCulture);
        }

        using var response = await host.SendAsync("vote", teams.CardAction("checkin.vote", data, member));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PostedCards.InvokeCardAsync(response);
    }

    private static async Task PostAsync(OutageHost host, string what, JsonObject activity)
    {
        using var response = await host.SendAsync(what, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task WaitUntilReadyAsync(OutageHost host)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (await host.ReadinessAsync() != HttpStatusCode.OK)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < Patience, "/readyz did not turn healthy after storage came back");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
