using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Delivery;
using TrustBot.Core.Digests;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.CheckIns;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Digests;

/// <summary>
/// The perception gap through the real pipeline: the leader predicts from the digest card over HTTP while a check-in
/// is open, members vote until the results show, the check-in closes, and the leader's digest is sent to the stub
/// Connector. Only a prediction made before the results were visible is put beside the actual score.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class PerceptionGapFlowTests(BotHostFixture host)
{
    private const int Threshold = 5;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    [Fact]
    public async Task PredictionBeforeResults_IsCompared_AndAGuessChangedAfterResultsWereVisibleIsNot()
    {
        var script = new CheckInScript(host, _teams);
        await script.StartAsync();

        var early = await PredictAsync(40);
        Assert.Contains("Thanks — your prediction is saved", PostedCards.Text(early), StringComparison.Ordinal);

        await VoteUntilResultsShowAsync(script);
        var late = await PredictAsync(90);
        Assert.Contains(DigestCard.LatePredictionNote, PostedCards.Text(late), StringComparison.Ordinal);
        Assert.True(await script.CloseAsync());

        var digest = await SendDigestAsync();

        Assert.Equal("40", Predicted(digest));
        Assert.Contains("You changed your guess after results were visible", PostedCards.Text(digest), StringComparison.Ordinal);
        Assert.DoesNotContain(DigestCard.LatePredictionNote, PostedCards.Text(digest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAPredictionMadeAfterResultsWereVisible_IsNotComparedAndTheDigestSaysWhy()
    {
        var script = new CheckInScript(host, _teams);
        await script.StartAsync();
        await VoteUntilResultsShowAsync(script);

        var late = await PredictAsync(90);
        Assert.DoesNotContain("Thanks — your prediction is saved", PostedCards.Text(late), StringComparison.Ordinal);
        Assert.True(await script.CloseAsync());

        var digest = await SendDigestAsync();

        Assert.Null(Predicted(digest));
        Assert.Contains(DigestCard.LatePredictionNote, PostedCards.Text(digest), StringComparison.Ordinal);
        // The results themselves are shown as usual; only the guess is left out.
        Assert.Contains("Scores from the last check-in", PostedCards.Text(digest), StringComparison.Ordinal);
    }

    /// <summary>Five members vote, then wait until the published tally has them all: from then on the card shows results.</summary>
    private static async Task VoteUntilResultsShowAsync(CheckInScript script)
    {
        for (var i = 1; i <= Threshold; i++)
        {
            await script.VoteAsync(TeamsUser.Create(i), value: 5);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await script.TallyAsync()).Replies < Threshold)
        {
            Assert.True(waited.Elapsed < Wait, "The votes were never published.");
            await Task.Delay(100);
        }
    }

    /// <summary>The leader presses "Save my prediction" on the digest card in their private chat.</summary>
    private async Task<JsonObject> PredictAsync(int value)
    {
        var data = new JsonObject
        {
            [DigestVerbs.TeamKey] = _teams.TeamId,
            [DigestVerbs.AsOf] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            [DigestVerbs.PredictionInput] = value.ToString(CultureInfo.InvariantCulture),
        };
        using var response = await host.PostAsync(_teams.PersonalCardAction(DigestVerbs.Predict, data, _teams.Installer));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await PostedCards.InvokeCardAsync(response);
        Assert.Contains($"You predicted {value} out of 100", PostedCards.Text(card), StringComparison.Ordinal);
        return card;
    }

    /// <summary>The digest job's send for the installer, as the outbox runs it, and the card it posted to their chat.</summary>
    private async Task<JsonObject> SendDigestAsync()
    {
        await DeliverIntroductionAsync();
        var payload = new JsonObject { ["asOf"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) }.ToJsonString();
        var send = new OutboundSend("digest:" + Guid.NewGuid().ToString("N"), OutboundKinds.Digest, _teams.TenantId, _teams.TeamId, _teams.UserId, payload);
        using (var scope = host.Factory.Services.CreateScope())
        {
            var sender = scope.ServiceProvider.GetServices<IOutboundHandler>().Single(h => h.Kind == OutboundKinds.Digest);
            Assert.True((await sender.SendAsync(send, CancellationToken.None)).IsDelivered);
        }

        var chat = host.Connector.PersonalConversationId(_teams.TenantId, _teams.UserId);
        var posted = await host.Connector.WaitForRequestAsync(
            r => r.Operation == StubOperation.SendToConversation && r.ConversationId == chat && (string?)r.Body?["summary"] == DigestCard.Summary,
            Wait);
        return PostedCards.CardOf(posted);
    }

    /// <summary>
    /// The install queued the installer's introduction, which opens their chat. The host's own worker may be sending it
    /// already; the test drains as well until it is there: the chat is opened the usual way, and nothing of this test is
    /// left queued.
    /// </summary>
    private async Task DeliverIntroductionAsync()
    {
        var outbox = host.Factory.Services.GetRequiredService<OutboxWorker>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (host.Connector.PersonalConversationId(_teams.TenantId, _teams.UserId) is not { } chat
            || !host.Connector.Requests.Any(r => r.Operation == StubOperation.SendToConversation && r.ConversationId == chat))
        {
            Assert.True(waited.Elapsed < Wait, "The installer's introduction never arrived.");
            await outbox.DrainOnceAsync(CancellationToken.None);
            await Task.Delay(50);
        }
    }

    /// <summary>The value beside "You predicted" in the digest's perception section, or null when there is none.</summary>
    private static string? Predicted(JsonObject card) => FactValue(card, "You predicted");

    private static string? FactValue(JsonNode node, string title) => node switch
    {
        JsonObject o when (string?)o["title"] == title => (string?)o["value"],
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().Select(child => FactValue(child, title)).FirstOrDefault(v => v is not null),
        JsonArray a => a.OfType<JsonNode>().Select(child => FactValue(child, title)).FirstOrDefault(v => v is not null),
        _ => null,
    };
}
