using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Testing.Connector;

namespace TrustBot.Protocol.Tests.Connector.TeamsLimits;

public sealed class TeamsLimitedConnectorTests : IAsyncLifetime, IDisposable
{
    private const string Tenant = "11111111-1111-1111-1111-111111111111";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TeamsLimitedConnector _connector = null!;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        _connector = await TeamsLimitedConnector.StartAsync(timeProvider: _time);
        _http = new HttpClient { BaseAddress = new Uri(_connector.ServiceUrl) };
    }

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    public void Dispose() => _http?.Dispose();

    private HttpClient Http => _http!;

    private static StringContent Json(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> SendAsync(string conversationId, string text = "hello") =>
        Http.PostAsync(
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities",
            Json(new JsonObject { ["type"] = "message", ["text"] = text }));

    private Task<HttpResponseMessage> CreateAsync(string userId) =>
        Http.PostAsync("v3/conversations", Json(new JsonObject
        {
            ["isGroup"] = false,
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["tenantId"] = Tenant,
        }));

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return response.StatusCode;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;

    [Fact]
    public async Task Send_EighthWithinOneSecondToOneConversation_Gets429WithRetryAfter()
    {
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(SendAsync("a:one")));
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        using var eighth = await SendAsync("a:one");

        Assert.Equal(HttpStatusCode.TooManyRequests, eighth.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), RetryAfter(eighth));
        Assert.Equal(7, _connector.DeliveredCount);
        var throttled = Assert.Single(_connector.Throttled);
        Assert.False(throttled.PerApp);
        Assert.Equal(TimeSpan.FromMilliseconds(300), throttled.Wait);
    }

    [Fact]
    public async Task Send_SixtyConversationsWithinOneSecond_ExactlyFiftyAcceptedThenGlobal429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            statuses.Add(await StatusAsync(SendAsync($"a:user-{i}")));
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 50), statuses.Take(50));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 10), statuses.Skip(50));
        Assert.Equal(50, _connector.DeliveredCount);
        Assert.All(_connector.Throttled, t => Assert.True(t.PerApp));
    }

    [Fact]
    public async Task Send_AfterWaitingRetryAfter_IsAccepted()
    {
        for (var i = 0; i < 7; i++)
        {
            await StatusAsync(SendAsync("a:one"));
        }

        _time.Advance(TimeSpan.FromMilliseconds(400));
        using var refused = await SendAsync("a:one");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        _time.Advance(RetryAfter(refused)!.Value);

        Assert.Equal(HttpStatusCode.Created, await StatusAsync(SendAsync("a:one")));
        Assert.Equal(8, _connector.DeliveredTo("a:one").Count);
    }

    [Fact]
    public async Task Send_ThirtySecondWindowFull_RetryAfterIsTheExactWaitRoundedUp()
    {
        // 4 per second stays inside the 1 s and 2 s windows, so only the 30 s window (60) binds.
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(SendAsync("a:one")));
            _time.Advance(TimeSpan.FromMilliseconds(250));
        }

        using var at15s = await SendAsync("a:one");
        _time.Advance(TimeSpan.FromSeconds(14.5));
        using var at29_5s = await SendAsync("a:one");
        _time.Advance(TimeSpan.FromSeconds(0.5));
        var at30s = await StatusAsync(SendAsync("a:one"));

        Assert.Equal(TimeSpan.FromSeconds(15), RetryAfter(at15s));
        Assert.Equal(TimeSpan.FromSeconds(1), RetryAfter(at29_5s));
        Assert.Equal(HttpStatusCode.Created, at30s);
    }

    [Fact]
    public async Task CreateConversation_SameMemberTwice_ReturnsTheSameDerivedId()
    {
        using var first = await CreateAsync("29:alice");
        using var again = await CreateAsync("29:alice");
        using var other = await CreateAsync("29:bob");

        var id = (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())?["id"];
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(TeamsLimitedConnector.PersonalConversationId("29:alice"), id);
        Assert.StartsWith("a:", id, StringComparison.Ordinal);
        Assert.Equal(id, (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())?["id"]);
        Assert.NotEqual(id, (string?)JsonNode.Parse(await other.Content.ReadAsStringAsync())?["id"]);
        Assert.Equal(3, _connector.CreatedCount);
    }

    [Fact]
    public async Task CreateConversation_EighthForOneMemberWithinOneSecond_Gets429()
    {
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(CreateAsync("29:alice")));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(CreateAsync("29:alice")));
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(CreateAsync("29:bob")));
    }

    [Fact]
    public async Task PagedMembers_RosterLargerThanAPage_PagesWithContinuationTokens()
    {
        _connector.SetRoster(Enumerable.Range(0, 120).Select(i => StubConnector.Member($"29:m{i}", $"Member {i}")), "19:team");
        var ids = new List<string>();
        var pages = new List<int>();
        string? token = null;
        do
        {
            var query = "pageSize=50" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = JsonNode.Parse(await Http.GetStringAsync($"v3/conversations/19%3Ateam/pagedmembers?{query}"))!;
            var members = page["members"]!.AsArray();
            pages.Add(members.Count);
            ids.AddRange(members.Select(m => (string)m!["id"]!));
            token = (string?)page["continuationToken"];
        }
        while (token is not null);

        Assert.Equal([50, 50, 20], pages);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"29:m{i}"), ids);
    }

    [Fact]
    public async Task PagedMembers_PageSizeBelowFiftyOrBadToken_BehavesLikeTeams()
    {
        _connector.SetRoster(Enumerable.Range(0, 60).Select(i => StubConnector.Member($"29:m{i}")));

        var small = JsonNode.Parse(await Http.GetStringAsync("v3/conversations/19%3Ax/pagedmembers?pageSize=10"))!;
        using var bad = await Http.GetAsync("v3/conversations/19%3Ax/pagedmembers?continuationToken=bogus");

        Assert.Equal(50, small["members"]!.AsArray().Count);
        Assert.NotNull((string?)small["continuationToken"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task PagedMembers_FifteenthWithinOneSecond_Gets429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            using var response = await Http.GetAsync("v3/conversations/19%3Ateam/pagedmembers");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 14), statuses.Take(14));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[14]);
    }

    [Theory]
    [InlineData(403, "BotNotInConversationRoster")]
    [InlineData(404, "ConversationNotFound")]
    public async Task MarkGone_CreateAndSendForThatUser_GetTheGoneStatus(int status, string code)
    {
        _connector.MarkGone("29:gone", status);

        using var create = await CreateAsync("29:gone");
        using var send = await SendAsync(TeamsLimitedConnector.PersonalConversationId("29:gone"));
        var other = await StatusAsync(CreateAsync("29:here"));

        Assert.Equal(status, (int)create.StatusCode);
        Assert.Equal(status, (int)send.StatusCode);
        Assert.Contains(code, await send.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, other);
        Assert.Equal(0, _connector.DeliveredCount);
        Assert.Equal(2, _connector.ErrorCount);
    }

    [Fact]
    public async Task FailFirst_TwoServiceUnavailable_ThenDelivers()
    {
        _connector.FailFirst("a:flaky", 2, 503);

        var statuses = new[]
        {
            await StatusAsync(SendAsync("a:flaky")),
            await StatusAsync(SendAsync("a:flaky")),
            await StatusAsync(SendAsync("a:flaky")),
            await StatusAsync(SendAsync("a:steady")),
        };

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created, HttpStatusCode.Created], statuses);
        Assert.Single(_connector.DeliveredTo("a:flaky"));
    }

    [Fact]
    public async Task UpdateActivity_KnownAndUnknownIds_RecordsOnlyTheKnownOne()
    {
        using var sent = await SendAsync("a:one", "before");
        var activityId = (string)JsonNode.Parse(await sent.Content.ReadAsStringAsync())!["id"]!;

        using var update = await Http.PutAsync(
            $"v3/conversations/a%3Aone/activities/{activityId}", Json(new JsonObject { ["type"] = "message", ["text"] = "after" }));
        using var unknown = await Http.PutAsync(
            "v3/conversations/a%3Aone/activities/999", Json(new JsonObject { ["type"] = "message", ["text"] = "lost" }));

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var recorded = Assert.Single(_connector.Updates);
        Assert.Equal(("after", activityId, true), (recorded.Text, recorded.ActivityId, recorded.IsUpdate));
        Assert.Equal("before", Assert.Single(_connector.Delivered).Text);
    }

    [Fact]
    public async Task Duplicates_RepeatedIdentity_CountsTheRepeats()
    {
        await StatusAsync(SendAsync("a:1", "nudge-1"));
        await StatusAsync(SendAsync("a:1", "nudge-1"));
        await StatusAsync(SendAsync("a:1", "nudge-1"));
        await StatusAsync(SendAsync("a:2", "nudge-1"));
        await StatusAsync(SendAsync("a:2", "nudge-2"));

        Assert.Equal(3, _connector.Duplicates(a => (string?)a["text"]));
        Assert.Equal(0, _connector.Duplicates(a => (string?)a["text"] == "nudge-2" ? "only-once" : null));
    }

    [Fact]
    public async Task WaitForDeliveredAsync_EnoughOrTooFew_CompletesOrTimesOut()
    {
        var waiting = _connector.WaitForDeliveredAsync(2, TimeSpan.FromSeconds(5));
        Assert.False(waiting.IsCompleted);
        await StatusAsync(SendAsync("a:1"));
        await StatusAsync(SendAsync("a:2"));

        await waiting;
        await Assert.ThrowsAsync<TimeoutException>(() => _connector.WaitForDeliveredAsync(3, TimeSpan.FromMilliseconds(50)));
    }
}
