using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;
using TrustBot.Protocol.Tests.Authentication;
using TrustBot.Testing.Connector;

namespace TrustBot.Protocol.Tests.Connector;

// The retry pipeline built by AddBotConnector against the loopback stub, with a fake clock so the waits are exact.
public sealed class ConnectorRetryPolicyTests : IAsyncLifetime, IDisposable
{
    private const int RetryingStatusEvent = 1210;
    private static readonly Activity Message = new() { Type = ActivityTypes.Message, Text = "hi" };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private ConnectorHarness? _harness;

    private ConnectorHarness Harness => _harness!;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    public void Dispose() => _logs.Dispose();

    private async Task StartAsync(Action<ConnectorOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        _harness = await ConnectorHarness.StartAsync(configure, services: s =>
        {
            s.AddSingleton<TimeProvider>(_time);
            s.AddSingleton(new ConnectorRateLimits([], []));
            s.AddSingleton<ILoggerProvider>(_logs);

            // The framework's HttpClient logging prints URLs at Information; hosts filter it, and it is not ours.
            s.AddLogging(b => b.AddFilter("System.Net.Http.HttpClient", LogLevel.None));
            services?.Invoke(s);
        });
    }

    private Task<ConnectorResponse<ResourceResponse>> Send(CancellationToken cancellationToken = default) =>
        Harness.Client.SendToConversationAsync(Harness.ServiceUrl, ConnectorHarness.TenantId, "a:1", Message, cancellationToken);

    // Polly logs through OnRetry just before it starts the delay timer; the short real pause lets the timer exist
    // before the fake clock moves, so the advance counts against it.
    private Task<CapturedLog> WaitForRetryLogAsync(int count) => WaitForLogAsync(RetryingStatusEvent, count);

    private async Task<CapturedLog> WaitForLogAsync(int eventId, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (_logs.Entries.Count(e => e.EventId == eventId) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"event {eventId} #{count} was never logged");
            await Task.Delay(10);
        }

        await Task.Delay(50);
        return _logs.Entries.Where(e => e.EventId == eventId).ElementAt(count - 1);
    }

    [Fact]
    public async Task Send_RetryAfterHttpDate_WaitsUntilThatInstant()
    {
        Harness.Stub.EnqueueResponse(StubResponse.Throttled() with { RetryAfterDate = _time.GetUtcNow().AddSeconds(3) });

        var pending = Send();
        await WaitForRetryLogAsync(1);
        _time.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(100);
        var callsBeforeDate = Harness.Stub.Requests.Count;
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, callsBeforeDate);
        Assert.Equal(ConnectorOutcome.Delivered, result.Outcome);
        Assert.Equal(2, Harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task Send_RetryAfterDelta_WaitsThatLong()
    {
        Harness.Stub.FailNext(1, 429, TimeSpan.FromSeconds(2));

        var pending = Send();
        var log = await WaitForRetryLogAsync(1);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(100);
        var callsBeforeDelta = Harness.Stub.Requests.Count;
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, callsBeforeDelta);
        Assert.True(result.IsDelivered);
        Assert.Equal("Connector attempt 1 answered 429; retrying in 2000 ms", log.Message);
    }

    [Fact]
    public async Task Send_NoRetryAfter_BacksOffBetweenHalfAndFullBaseDelay()
    {
        await StartAsync(o =>
        {
            o.BaseDelay = TimeSpan.FromSeconds(4);
            o.MaxDelay = TimeSpan.FromSeconds(30);
        });
        Harness.Stub.FailNext(1, 502);

        var pending = Send();
        await WaitForRetryLogAsync(1);
        _time.Advance(TimeSpan.FromSeconds(1.99));
        await Task.Delay(100);
        var callsBeforeHalf = Harness.Stub.Requests.Count;
        _time.Advance(TimeSpan.FromSeconds(2.01));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, callsBeforeHalf);
        Assert.True(result.IsDelivered);
    }

    [Fact]
    public async Task Send_AlwaysThrottled_MakesMaxRetriesPlusOneAttempts()
    {
        await StartAsync(o => o.MaxRetries = 3);
        Harness.Stub.RespondAlways(StubResponse.Throttled(TimeSpan.FromSeconds(1)));

        var pending = Send();
        for (var retry = 1; retry <= 3; retry++)
        {
            await WaitForRetryLogAsync(retry);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(ConnectorOutcome.Throttled, result.Outcome);
        Assert.Equal(429, result.StatusCode);
        Assert.Equal(4, Harness.Stub.Requests.Count);
        Assert.Equal([1, 2, 3], _logs.Entries.Where(e => e.EventId == RetryingStatusEvent)
            .Select(e => int.Parse(e.Message.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Send_CallerCancelsDuringBackoff_Throws()
    {
        Harness.Stub.RespondAlways(StubResponse.ForStatus(503));
        using var cancellation = new CancellationTokenSource();

        var pending = Send(cancellation.Token);
        await WaitForRetryLogAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Single(Harness.Stub.Requests);
    }

    [Fact]
    public async Task Send_RetryAfterAboveCap_LogsTheCapAndDoesNotRetry()
    {
        await StartAsync(o => o.MaxRetryAfter = TimeSpan.FromSeconds(10));
        Harness.Stub.EnqueueResponse(429, TimeSpan.FromSeconds(120));

        var result = await Send().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(ConnectorOutcome.Throttled, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Single(Harness.Stub.Requests);
        var log = Assert.Single(_logs.Entries, e => e.EventId == 1212);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Equal("Connector asked to wait 120000 ms after 429, above the 10000 ms cap; not retrying", log.Message);
    }

    [Fact]
    public async Task Send_Retried_LogsNeitherUrlsNorIds()
    {
        Harness.Stub.FailNext(1, 503, TimeSpan.FromSeconds(1));

        var pending = Send();
        await WaitForRetryLogAsync(1);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await pending.WaitAsync(TimeSpan.FromSeconds(5))).IsDelivered);

        Assert.NotEmpty(_logs.Entries);
        Assert.All(_logs.Entries, e =>
        {
            Assert.DoesNotContain("127.0.0.1", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("a:1", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("token-1", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Send_SlowConnector_EachAttemptTimesOutOnTheInjectedClock()
    {
        await StartAsync(o =>
        {
            o.MaxRetries = 1;
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        Harness.Stub.RespondAlways(new StubResponse(201) { Body = """{"id":"1"}""", Delay = TimeSpan.FromSeconds(30) });

        // The stub records a request only once it answers or is aborted, so a real pause lets each attempt get going.
        var pending = Send();
        await Task.Delay(300);
        _time.Advance(TimeSpan.FromSeconds(10));
        await WaitForLogAsync(1211, 1);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(300);
        _time.Advance(TimeSpan.FromSeconds(10));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        var seen = 0;
        await Harness.Stub.WaitForRequestAsync(_ => ++seen == 2, TimeSpan.FromSeconds(5));

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Failed, null, null, ConnectorErrorCodes.Timeout), result);
        Assert.Equal(2, _logs.Entries.Count(e => e.EventId == 1213 && e.Message == "Connector attempt got no answer within 10000 ms"));
        Assert.Contains(_logs.Entries, e => e.EventId == 1211 && e.Message.StartsWith("Connector attempt 1 got no answer; retrying in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_BodyStallsAfterHeaders_TimesOutWithinTheAttempt()
    {
        await StartAsync(
            o =>
            {
                o.MaxRetries = 0;
                o.AttemptTimeout = TimeSpan.FromSeconds(10);
            },
            s => s.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => new StallingBodyHandler()));

        var pending = Send();
        await Task.Delay(300);
        _time.Advance(TimeSpan.FromSeconds(10));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new ConnectorResponse<ResourceResponse>(ConnectorOutcome.Failed, null, null, ConnectorErrorCodes.Timeout), result);
        Assert.Single(_logs.Entries, e => e.EventId == 1213);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(500)]
    public async Task Send_FinalStatus_IsNotRetried(int status)
    {
        Harness.Stub.FailNext(1, status);

        var result = await Send().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(status, result.StatusCode);
        Assert.Single(Harness.Stub.Requests);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId == RetryingStatusEvent);
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(10, 30000)]
    public void Backoff_Attempt_IsJitteredWithinHalfToFullOfCappedExponential(int attempt, double fullMs)
    {
        var options = new ConnectorOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };

        var delays = Enumerable.Range(0, 200).Select(_ => ConnectorResilience.Backoff(options, attempt).TotalMilliseconds).ToList();

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
        Assert.Equal(expected, ConnectorResilience.IsRetryable((HttpStatusCode)status));
    }

    // Answers 201 at once, then never finishes the body until cancelled.
    private sealed class StallingBodyHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created) { Content = new StallingContent() });
    }

    private sealed class StallingContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
