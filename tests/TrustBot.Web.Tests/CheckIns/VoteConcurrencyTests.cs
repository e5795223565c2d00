using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Anonymity;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.CheckIns;

/// <summary>Concurrent votes through HTTP: every person takes part once, and the folds publish them exactly.</summary>
[Collection(BotHostGroup.Name)]
public sealed class VoteConcurrencyTests(BotHostFixture host)
{
    [Fact]
    public async Task TwoHundredMembersAtOnce_CountsExact_AndFiftyDuplicatesCountOnce()
    {
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());
        var script = new CheckInScript(host, teams);
        await script.StartAsync();
        var members = Enumerable.Range(1, 200).Select(TeamsUser.Create).ToList();

        var statuses = await Task.WhenAll(members.Select(async (member, i) =>
        {
            using var response = await host.PostAsync(teams.CardAction("checkin.vote", script.Answers((i % 7) + 1), member));
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // Everyone took part once. The folds publish them in groups of at least k = 5; fewer than k may wait for the close.
        var ballots = host.Factory.Services.GetRequiredService<IBallotBox>();
        Assert.Equal(200, await ballots.CountParticipantsAsync(teams.TenantId, script.CheckInId, CancellationToken.None));
        var tally = await script.WaitForRepliesAsync(196);
        Assert.InRange(tally.Replies, 196, 200);
        Assert.Equal(script.Inputs.Count, tally.Counts.Count);
        foreach (var counts in tally.Counts.Values)
        {
            Assert.Equal(tally.Replies, counts.Sum());
        }

        var repeater = TeamsUser.Create(999);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await host.PostAsync(teams.CardAction("checkin.vote", script.Answers(3), repeater));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));

        Assert.Equal(201, await ballots.CountParticipantsAsync(teams.TenantId, script.CheckInId, CancellationToken.None));
        var after = await script.TallyAsync();
        Assert.InRange(after.Replies, tally.Replies, 201);
        Assert.All(after.Counts.Values, counts => Assert.Equal(after.Replies, counts.Sum()));
    }
}
