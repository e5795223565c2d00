using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Anonymity;
using TrustBot.Core.CheckIns;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.CheckIns;

/// <summary>Drives a check-in through the real HTTP pipeline: install, post with <c>checkin</c>, vote as members.</summary>
public sealed class CheckInScript(BotHostFixture host, TeamsActivities teams)
{
    public string CheckInId { get; private set; } = string.Empty;

    public IReadOnlyList<string> Inputs { get; private set; } = [];

    public async Task StartAsync()
    {
        (await host.PostAsync(teams.TeamInstall())).Dispose();
        (await host.PostAsync(teams.ChannelMention("checkin"))).Dispose();
        var posted = await host.Connector.WaitForRequestAsync(
            r => r.Method == "POST" && r.ConversationId == teams.SelectedChannelId
                && r.Body?["attachments"] is not null && PostedCards.ActionData(PostedCards.CardOf(r), "checkInId") is not null,
            TimeSpan.FromSeconds(10));
        var card = PostedCards.CardOf(posted);
        CheckInId = PostedCards.ActionData(card, "checkInId")!;
        Inputs = PostedCards.InputIds(card);
    }

    public JsonObject Answers(int value, string? checkInId = null)
    {
        var data = new JsonObject { ["checkInId"] = checkInId ?? CheckInId };
        foreach (var input in Inputs)
        {
            data[input] = value.ToString(CultureInfo.InvariantCulture);
        }

        return data;
    }

    public async Task<JsonObject> VoteAsync(TeamsUser user, int value, string? conversationId = null, string? checkInId = null)
    {
        using var response = await host.PostAsync(teams.CardAction("checkin.vote", Answers(value, checkInId), user, conversationId));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await PostedCards.InvokeCardAsync(response);
    }

    public async Task<JsonObject> RefreshAsync(TeamsUser user)
    {
        using var response = await host.PostAsync(teams.CardAction("checkin.refresh", new JsonObject { ["checkInId"] = CheckInId }, user));
        return await PostedCards.InvokeCardAsync(response);
    }

    public Task<Tally> TallyAsync() => host.Factory.Services.GetRequiredService<IBallotBox>().GetTallyAsync(teams.TenantId, CheckInId, CancellationToken.None);

    /// <summary>Waits (real time, the host folds every half second) until the published tally has <paramref name="replies"/> replies.</summary>
    public async Task<Tally> WaitForRepliesAsync(int replies, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var tally = await TallyAsync();
            if (tally.Replies >= replies)
            {
                return tally;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The folds published {tally.Replies} of {replies} replies in time.");
            await Task.Delay(100);
        }
    }

    public Task<bool> CloseAsync() =>
        host.Factory.Services.GetRequiredService<ICheckInStore>().CloseAsync(teams.TenantId, CheckInId, DateTimeOffset.UtcNow, CancellationToken.None);
}
