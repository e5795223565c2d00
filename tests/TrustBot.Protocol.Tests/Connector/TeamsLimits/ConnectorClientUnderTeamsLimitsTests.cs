using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;
using Xunit.Abstractions;

namespace TrustBot.Protocol.Tests.Connector.TeamsLimits;

// The real client pipeline against the limit-enforcing stand-in, both on one fake clock. The clock moves only once
// every request let go so far has been answered, so a request reaches the stand-in at the instant the limiter let it
// go: whatever a loaded host does to real time, a 429 here can only be the limiter's own fault. Real-clock pacing,
// where arrival jitter counts too, is measured by the connector-fanout benchmark.
public sealed class ConnectorClientUnderTeamsLimitsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SendToConversationAsync_OneMessageEachTo200Conversations_PacesAtTheGlobalLimitWithoutEarning429s()
    {
        const int count = 200;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var connector = await TeamsLimitedConnector.StartAsync(timeProvider: clock);
        await using var loopback = LoopbackConnectorClient.Create(timeProvider: clock);
        var started = clock.GetUtcNow();

        var sends = OneMessageEach(loopback, connector, count);
        await WaitUntilEveryRequestIsAnsweredOrQueuedAsync(connector, loopback, count);
        while (loopback.RateLimiter.QueuedCount > 0)
        {
            // A step far below the limiter's 20 ms app-wide arrival margin, so stepping cannot push a request over an edge.
            clock.Advance(Step);
            await WaitUntilEveryRequestIsAnsweredOrQueuedAsync(connector, loopback, count);
        }

        var paced = clock.GetUtcNow() - started;
        var minimum = TimeSpan.FromSeconds(count / 50.0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"N={count} paced over {paced.TotalSeconds:0.000}s (fake clock) minimum={minimum.TotalSeconds:0.0}s 429s={connector.ThrottledCount} delivered={connector.DeliveredCount}"));
        foreach (var throttled in connector.Throttled.Take(10))
        {
            output.WriteLine(throttled.ToString());
        }

        Assert.Equal(0, connector.ThrottledCount);
        var results = await sends.WaitAsync(ArrivalTimeout);
        Assert.All(results, r => Assert.True(r.IsDelivered));
        Assert.Equal(count, connector.DeliveredByConversation.Count);
        Assert.Equal(0, connector.Duplicates(a => (string?)a["text"]));
        // Not faster than the limit allows (the first 50 go at once, then 50 per second)...
        Assert.True(paced >= TimeSpan.FromSeconds(3), $"{paced}");
        // ...and not much slower: the margins cost about 2% of the published throughput.
        Assert.True(paced <= minimum * 1.1, $"{paced}");
    }

    [Fact]
    public async Task SendToConversationAsync_TheHostStallsAFifthOfASecond_StillEarnsNo429()
    {
        const int count = 200;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var connector = await TeamsLimitedConnector.StartAsync(timeProvider: clock);
        await using var loopback = LoopbackConnectorClient.Create(timeProvider: clock);
        var started = clock.GetUtcNow();

        var sends = OneMessageEach(loopback, connector, count);
        await WaitUntilEveryRequestIsAnsweredOrQueuedAsync(connector, loopback, count);
        var stalled = false;
        while (loopback.RateLimiter.QueuedCount > 0 || loopback.ArrivalGuard.HeldCount > 0)
        {
            // Once, in the middle of the fan-out, a fifth of a second passes at once, as for a host that got no CPU:
            // every request whose instant fell inside it goes out together when it ends, late.
            var step = !stalled && clock.GetUtcNow() - started >= TimeSpan.FromSeconds(1.5) ? Stall : Step;
            stalled |= step == Stall;
            clock.Advance(step);
            await WaitUntilEveryRequestIsAnsweredOrQueuedAsync(connector, loopback, count);
        }

        foreach (var throttled in connector.Throttled.Take(10))
        {
            output.WriteLine(throttled.ToString());
        }

        // The requests reserved a second after the late ones are held until the late ones leave Teams' window,
        // instead of arriving too soon after them and each waiting a second of Retry-After.
        Assert.True(stalled);
        Assert.Equal(0, connector.ThrottledCount);
        var results = await sends.WaitAsync(ArrivalTimeout);
        Assert.All(results, r => Assert.True(r.IsDelivered));
        Assert.Equal(count, connector.DeliveredByConversation.Count);
    }

    // Every send is answered by the stand-in, waiting for a later slot, or held by the arrival guard; only then may the
    // clock move on.
    private static async Task WaitUntilEveryRequestIsAnsweredOrQueuedAsync(
        TeamsLimitedConnector connector, LoopbackConnectorClient loopback, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (connector.DeliveredCount + connector.ThrottledCount + loopback.RateLimiter.QueuedCount + loopback.ArrivalGuard.HeldCount < count)
        {
            if (waited.Elapsed > ArrivalTimeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Requests let go were not answered: delivered {connector.DeliveredCount}, throttled {connector.ThrottledCount}, queued {loopback.RateLimiter.QueuedCount}, held {loopback.ArrivalGuard.HeldCount} of {count}."));
            }

            await Task.Delay(1);
        }
    }

    // One message to each of count conversations of one tenant, all at once: only the app's windows bind.
    private static Task<ConnectorResponse<ResourceResponse>[]> OneMessageEach(LoopbackConnectorClient loopback, TeamsLimitedConnector connector, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => loopback.Client.SendToConversationAsync(
            connector.ServiceUrl, "3c8e5f1a-0000-4000-8000-0000000000ab", $"a:user-{i}", new Activity { Type = ActivityTypes.Message, Text = $"nudge {i}" })));
}
