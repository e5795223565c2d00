using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

public sealed class ConnectorRetryHandlerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private sealed class ScriptedHandler(Func<int, HttpResponseMessage> respond) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(Interlocked.Increment(ref _calls)));
    }

    private (HttpMessageInvoker Invoker, ScriptedHandler Inner) Create(Func<int, HttpResponseMessage> respond, ConnectorOptions? options = null)
    {
        var inner = new ScriptedHandler(respond);
        var handler = new ConnectorRetryHandler(Options.Create(options ?? new ConnectorOptions()), _time, NullLogger<ConnectorRetryHandler>.Instance)
        {
            InnerHandler = inner,
        };
        return (new HttpMessageInvoker(handler), inner);
    }

    private static HttpRequestMessage Request() => new(HttpMethod.Post, "http://127.0.0.1/v3/conversations/a/activities");

    [Fact]
    public async Task SendAsync_RetryAfterHttpDate_WaitsUntilThatInstant()
    {
        var (invoker, inner) = Create(call => call == 1
            ? new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(3)) } }
            : new HttpResponseMessage(HttpStatusCode.Created));

        var pending = invoker.SendAsync(Request(), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2.9));
        var callsBeforeDate = inner.Calls;
        _time.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, callsBeforeDate);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task SendAsync_NoRetryAfter_BacksOffBetweenHalfAndFullBaseDelay()
    {
        var options = new ConnectorOptions { BaseDelay = TimeSpan.FromSeconds(4) };
        var (invoker, inner) = Create(call => new HttpResponseMessage(call == 1 ? HttpStatusCode.BadGateway : HttpStatusCode.OK), options);

        var pending = invoker.SendAsync(Request(), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1.99));
        var callsBeforeHalf = inner.Calls;
        _time.Advance(TimeSpan.FromSeconds(2.01));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, callsBeforeHalf);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SendAsync_AlwaysThrottled_MakesMaxRetriesPlusOneAttempts()
    {
        var options = new ConnectorOptions { MaxRetries = 3 };
        var (invoker, inner) = Create(_ => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)) } }, options);

        var pending = invoker.SendAsync(Request(), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsDuringBackoff_Throws()
    {
        var (invoker, inner) = Create(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var cancellation = new CancellationTokenSource();

        var pending = invoker.SendAsync(Request(), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, inner.Calls);
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(10, 30000)]
    public void Backoff_Attempt_IsJitteredWithinHalfToFullOfCappedExponential(int attempt, double fullMs)
    {
        var options = new ConnectorOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };

        var delays = Enumerable.Range(0, 200).Select(_ => ConnectorRetryHandler.Backoff(options, attempt).TotalMilliseconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, fullMs / 2, fullMs));
        Assert.True(delays.Distinct().Count() > 1, "delays must be jittered");
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(412, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(413, false)]
    public void IsRetryable_Status_MatchesProtocolTable(int status, bool expected)
    {
        Assert.Equal(expected, ConnectorRetryHandler.IsRetryable((HttpStatusCode)status));
    }
}
