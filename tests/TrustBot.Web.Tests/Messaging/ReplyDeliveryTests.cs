using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using TrustBot.Core.Help;
using TrustBot.Core.Installations;
using TrustBot.Core.Settings;
using TrustBot.Testing.Connector;
using TrustBot.Testing.Storage;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Messaging;

/// <summary>
/// Replies to messages go through the outbox: the request is answered once they are stored, and the outbox worker posts
/// them at Teams' pace, in order, once per activity. Real HTTP, real JWT validation, real Azurite, a stub Connector.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class ReplyDeliveryTests(BotHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // Long enough that a request which waited for the reply could not come back before it; well inside the attempt timeout.
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(3);

    private readonly TeamsActivities _teams = new(host.ServiceUrl, Guid.NewGuid().ToString());

    [Fact]
    public async Task Message_IsAnsweredWhileItsReplyIsStillHeldAtTheConnector_AndTheReplyArrivesAfterwards()
    {
        host.Connector.EnqueueResponse(Created() with { Delay = Hold }, r => r.ConversationId == _teams.PersonalConversationId);
        var started = TimeProvider.System.GetTimestamp();

        using var response = await host.PostAsync(_teams.PersonalMessage("help"));

        var answeredIn = TimeProvider.System.GetElapsedTime(started);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answeredIn < Hold, $"The request took {answeredIn}, as long as the held reply.");
        Assert.DoesNotContain(host.Connector.Requests, r => r.ConversationId == _teams.PersonalConversationId);

        var reply = await host.Connector.WaitForRequestAsync(r => IsHelpCardIn(r, _teams.PersonalConversationId), Wait);
        Assert.Equal(201, reply.ResponseStatusCode);
    }

    [Fact]
    public async Task TwoMessagesOfOneChat_AreAnsweredInTheOrderTheyCame_EvenWhenTheFirstAnswerIsHeld()
    {
        // Someone else's reply, held at the Connector, keeps the worker busy while both messages of this chat arrive, so
        // it takes their replies together; the help card is then held too, and the privacy card would overtake it if
        // replies of one conversation raced.
        await using var own = await OwnHost.StartAsync(host);
        var someoneElse = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());
        host.Connector.EnqueueResponse(Created() with { Delay = Hold }, r => r.ConversationId == someoneElse.PersonalConversationId);
        host.Connector.EnqueueResponse(Created() with { Delay = Hold }, r => IsHelpCardIn(r, _teams.PersonalConversationId));
        Assert.Equal(HttpStatusCode.OK, await own.PostAsync(someoneElse.PersonalMessage("help")));
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);

        Assert.Equal(HttpStatusCode.OK, await own.PostAsync(_teams.PersonalMessage("help")));
        Assert.Equal(HttpStatusCode.OK, await own.PostAsync(_teams.PersonalMessage("privacy")));

        await host.Connector.WaitForRequestAsync(r => r.ConversationId == _teams.PersonalConversationId && Summary(r) == PrivacyCard.Summary, Wait);
        Assert.Equal(
            [HelpCard.Summary, PrivacyCard.Summary],
            host.Connector.Requests.Where(r => r.ConversationId == _teams.PersonalConversationId).Select(Summary));
    }

    [Fact]
    public async Task SeveralRepliesToOneMessage_ArriveInTheOrderTheCommandGaveThem()
    {
        // A leader of six teams asks for settings in their private chat: five cards by team name, then a note.
        var leader = TeamsUser.Create(1);
        string[] names = ["Team F", "Team B", "Team D", "Team A", "Team E", "Team C"];
        foreach (var name in names)
        {
            var team = new TeamsActivities(host.ServiceUrl, _teams.TenantId);
            var install = team.TeamInstall();
            install["from"] = leader.ToAccount();
            install["channelData"]!["team"]!["name"] = name;
            using var installed = await host.PostAsync(install);
            Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        }

        // Holding the first card shows that the rest wait for it rather than race it.
        host.Connector.EnqueueResponse(Created() with { Delay = TimeSpan.FromMilliseconds(700) }, r => r.ConversationId == leader.PersonalConversationId);
        using var response = await host.PostAsync(_teams.PersonalMessageFrom(leader, "settings"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Connector.WaitForRequestAsync(r => r.ConversationId == leader.PersonalConversationId && ((string?)r.Body?["text"])?.StartsWith("You lead 6 teams", StringComparison.Ordinal) == true, Wait);
        var posted = host.Connector.Requests.Where(r => r.ConversationId == leader.PersonalConversationId).ToList();
        Assert.Equal(6, posted.Count);
        Assert.Equal(
            ["Settings for Team A", "Settings for Team B", "Settings for Team C", "Settings for Team D", "Settings for Team E"],
            posted.Take(5).Select(r => PostedCards.Text(PostedCards.CardOf(r)).Split('\n')[0]));
        Assert.All(posted.Take(5), r => Assert.Equal(SettingsCard.Summary, Summary(r)));
    }

    [Fact]
    public async Task TheSameActivityDeliveredAgain_IsAnsweredExactlyOnce()
    {
        await using var own = await OwnHost.StartAsync(host, quickRetries: true);
        var activity = _teams.PersonalMessage("help");

        // Twice at once (both copies may be handled together), then again once the reply is out, as Teams redelivers.
        var statuses = await Task.WhenAll(own.PostAsync(activity), own.PostAsync(activity));
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        await host.Connector.WaitForRequestAsync(r => IsHelpCardIn(r, _teams.PersonalConversationId), Wait);
        Assert.Equal(HttpStatusCode.OK, await own.PostAsync(activity));

        await own.WaitUntilOutboxIsEmptyAsync();
        Assert.Single(host.Connector.Requests, r => IsHelpCardIn(r, _teams.PersonalConversationId));
    }

    [Fact]
    public async Task RepliesThatCannotBeQueued_FailTheRequest_AndTheRedeliveryIsAnsweredOnce()
    {
        await using var own = await OwnHost.StartAsync(host, quickRetries: true);
        await own.Outbox.DeleteAsync();
        var activity = _teams.PersonalMessage("help");

        using (var refused = await own.PostRawAsync(activity))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        // Teams sends the message again once storage is back; it is answered then, and only then.
        await own.Outbox.CreateAsync();
        Assert.Equal(HttpStatusCode.OK, await own.PostAsync(activity));

        await host.Connector.WaitForRequestAsync(r => IsHelpCardIn(r, _teams.PersonalConversationId), Wait);
        await own.WaitUntilOutboxIsEmptyAsync();
        Assert.Single(host.Connector.Requests, r => r.ConversationId == _teams.PersonalConversationId);
    }

    [Fact]
    public async Task CardButtons_AreStillAnsweredInTheResponse_AndQueueNothing()
    {
        await using var own = await OwnHost.StartAsync(host);

        using var response = await own.PostRawAsync(_teams.CardAction("no.such.verb"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("out of date", PostedCards.Text(await PostedCards.InvokeCardAsync(response)), StringComparison.Ordinal);
        Assert.Equal(0, (await own.Outbox.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.DoesNotContain(host.Connector.Requests, r => r.ConversationId?.StartsWith(_teams.SelectedChannelId, StringComparison.Ordinal) == true);
    }

    private static bool IsHelpCardIn(RecordedRequest request, string conversationId) =>
        request.Method == "POST" && request.ConversationId == conversationId && Summary(request) == HelpCard.Summary;

    private static string? Summary(RecordedRequest request) => (string?)request.Body?["summary"];

    private static StubResponse Created() => new(201) { Body = new JsonObject { ["id"] = "held-" + Guid.NewGuid().ToString("N")[..8] }.ToJsonString() };

    /// <summary>
    /// A host with its own tables and outbox on the fixture's Azurite, OpenID server and stub Connector, so a test can
    /// break or drain its queue without touching the shared host.
    /// </summary>
    private sealed class OwnHost : IAsyncDisposable
    {
        private readonly BotHostFixture _fixture;
        private readonly BotApplicationFactory _factory;
        private readonly HttpClient _client;

        private OwnHost(BotHostFixture fixture, BotApplicationFactory factory, string prefix)
        {
            _fixture = fixture;
            _factory = factory;
            _client = factory.CreateClient();
            Outbox = new QueueServiceClient(fixture.Azurite.ConnectionString).GetQueueClient(prefix.ToLowerInvariant() + "outbox");
        }

        public QueueClient Outbox { get; }

        /// <param name="fixture">The shared Azurite, OpenID server and stub Connector.</param>
        /// <param name="quickRetries">
        /// A held twin's copy comes back after 5 s instead of 2 minutes, so the outbox drains within the test; this
        /// shortens the send section too, and with it how long a reply waits for the one before it (about 1.3 s).
        /// </param>
        public static Task<OwnHost> StartAsync(BotHostFixture fixture, bool quickRetries = false)
        {
            var prefix = AzuriteFixture.NewTablePrefix();
            var settings = fixture.Settings(BotHostFixture.AppId);
            settings["Storage:TablePrefix"] = prefix;
            settings["Delivery:PollInterval"] = "00:00:00.200";
            if (quickRetries)
            {
                settings["Delivery:Visibility"] = "00:00:05";
                settings["Delivery:SendSectionTimeout"] = "00:00:04";
            }
            var factory = new BotApplicationFactory(settings);
            factory.UseKestrel(0);
            factory.StartServer();
            return Task.FromResult(new OwnHost(fixture, factory, prefix));
        }

        public async Task<HttpStatusCode> PostAsync(JsonObject activity)
        {
            using var response = await PostRawAsync(activity);
            return response.StatusCode;
        }

        public Task<HttpResponseMessage> PostRawAsync(JsonObject activity) => BotHostFixture.PostRawAsync(
            _client, activity.ToJsonString(), _fixture.Issuer.CreateToken(BotHostFixture.AppId, _fixture.ServiceUrl));

        /// <summary>Waits until every copy of every send has been taken and removed (in flight ones included).</summary>
        public async Task WaitUntilOutboxIsEmptyAsync()
        {
            var started = TimeProvider.System.GetTimestamp();
            while ((await Outbox.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
            {
                Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "The outbox did not drain within 30 s.");
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _factory.DisposeAsync();
        }
    }
}
