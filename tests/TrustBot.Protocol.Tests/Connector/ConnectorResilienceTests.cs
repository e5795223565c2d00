using Microsoft.Extensions.DependencyInjection;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ConnectorResilienceTests
{
    private static readonly Activity Message = new() { Type = ActivityTypes.Message, Text = "hi" };

    [Fact]
    public async Task SendToConversationAsync_429WithRetryAfter_WaitsThenDelivers()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.FailNext(1, 429, TimeSpan.FromSeconds(1));

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal(201, result.StatusCode);
        var requests = harness.Stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(429, requests[0].ResponseStatusCode);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), $"{requests[1].ReceivedAt - requests[0].ReceivedAt}");
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterHttpDate_WaitsUntilDate()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.EnqueueResponse(StubResponse.Throttled() with { RetryAfterDate = TimeProvider.System.GetUtcNow().AddSeconds(2) });

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.True(result.IsDelivered);
        var requests = harness.Stub.Requests;
        Assert.Equal(2, requests.Count);
        // HTTP-dates have whole-second precision, so the wait is between one and two seconds.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95));
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task SendToConversationAsync_TransientStatusOnce_RetriesAndDelivers(int status)
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.FailNext(1, status);

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal([status, 201], harness.Stub.Requests.Select(r => r.ResponseStatusCode));
    }

    [Fact]
    public async Task SendToConversationAsync_429Exhausted_IsThrottledAfterMaxRetries()
    {
        await using var harness = await ConnectorHarness.StartAsync(o => o.MaxRetries = 2);
        harness.Stub.RespondAlways(StubResponse.Throttled(TimeSpan.Zero));

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Throttled, 429, null, "Throttled") { RetryAfter = TimeSpan.Zero }, result);
        Assert.Equal(3, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_PersistentServiceUnavailable_StopsAfterDefaultFourRetries()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.RespondAlways(StubResponse.ForStatus(503));

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(ConnectorOutcome.Failed, result.Outcome);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(5, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterAboveCap_ReturnsThrottledAtOnce()
    {
        await using var harness = await ConnectorHarness.StartAsync(o => o.MaxRetryAfter = TimeSpan.FromSeconds(10));
        harness.Stub.EnqueueResponse(429, TimeSpan.FromSeconds(120));

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(ConnectorOutcome.Throttled, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_BadRequest_IsNotRetried()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.FailNext(1, 400);

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(ConnectorOutcome.Failed, result.Outcome);
        Assert.Equal("BadSyntax", result.ErrorCode);
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionDropped_RetriesThenFailsWithNetworkError()
    {
        await using var harness = await ConnectorHarness.StartAsync(o => o.MaxRetries = 2);
        harness.Stub.RespondAlways(StubResponse.Disconnect());

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Failed, null, null, ConnectorErrorCodes.NetworkError), result);
        Assert.Equal(3, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionDroppedOnce_Delivers()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Stub.EnqueueResponse(StubResponse.Disconnect());

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.True(result.IsDelivered);
        Assert.Equal(2, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_NothingListening_FailsWithNetworkError()
    {
        await using var harness = await ConnectorHarness.StartAsync(o => o.MaxRetries = 1);
        string closedUrl;
        await using (var closed = await StubConnector.StartAsync())
        {
            closedUrl = closed.ServiceUrl;
        }

        var result = await harness.Client.SendToConversationAsync(closedUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(ConnectorOutcome.Failed, result.Outcome);
        Assert.Null(result.StatusCode);
        Assert.Equal(ConnectorErrorCodes.NetworkError, result.ErrorCode);
    }

    [Fact]
    public async Task SendToConversationAsync_SlowConnector_TimesOutEachAttempt()
    {
        await using var harness = await ConnectorHarness.StartAsync(o =>
        {
            o.MaxRetries = 1;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        });
        harness.Stub.RespondAlways(new StubResponse(201) { Body = """{"id":"1"}""", Delay = TimeSpan.FromSeconds(3) });

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Failed, null, null, ConnectorErrorCodes.Timeout), result);
        var seen = 0;
        await harness.Stub.WaitForRequestAsync(_ => ++seen == 2, TimeSpan.FromSeconds(5));
        Assert.Equal(2, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_Unauthorized_RefreshesTokenOnceAndRetries()
    {
        var tokens = new FakeBotTokenProvider("stale", "fresh");
        await using var harness = await ConnectorHarness.StartAsync(tokens: tokens);
        harness.Stub.ExpectedBearerToken = "fresh";

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal(["stale", "fresh"], harness.Stub.Requests.Select(r => r.BearerToken));
        Assert.Equal(1, tokens.ForcedCalls);
    }

    [Fact]
    public async Task SendToConversationAsync_UnauthorizedAfterRefresh_FailsWithoutFurtherRetries()
    {
        var tokens = new FakeBotTokenProvider("stale", "still-wrong");
        await using var harness = await ConnectorHarness.StartAsync(tokens: tokens);
        harness.Stub.ExpectedBearerToken = "fresh";

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Failed, 401, null, "Unauthorized"), result);
        Assert.Equal(2, harness.Stub.Requests.Count);
        Assert.Equal(1, tokens.ForcedCalls);
    }

    [Fact]
    public async Task SendToConversationAsync_RetriedAttempts_EachWaitForARateSlot()
    {
        var oneEverySecond = new ConnectorRateLimits([new RateLimitWindow(TimeSpan.FromSeconds(1), 1)], []);
        await using var harness = await ConnectorHarness.StartAsync(services: s => s.AddSingleton(oneEverySecond));
        harness.Stub.FailNext(1, 503);

        var result = await harness.Client.SendToConversationAsync(harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message);

        Assert.True(result.IsDelivered);
        var requests = harness.Stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), "the retry must queue behind the rate limit");
    }
}
