using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using TrustBot.Protocol.Activities;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;
using Xunit.Abstractions;

namespace TrustBot.Protocol.Tests.Connector.TeamsLimits;

// The real client pipeline against the limit-enforcing stand-in, on the real clock. Alone, because pacing is open
// loop: a host stalled by parallel tests delays a burst past the margin and earns 429s the client did not cause.
[Collection(SerialTimingGroup.Name)]
public sealed class ConnectorClientUnderTeamsLimitsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SendToConversationAsync_OneMessageEachTo200Conversations_PacesAtTheGlobalLimitWithoutEarning429s()
    {
        const int count = 200;
        await WarmUpAsync();
        await using var connector = await TeamsLimitedConnector.StartAsync();
        await using var loopback = LoopbackConnectorClient.Create();

        var stopwatch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => loopback.Client.SendToConversationAsync(
            connector.ServiceUrl, $"a:user-{i}", new Activity { Type = ActivityTypes.Message, Text = $"nudge {i}" })));
        stopwatch.Stop();

        var minimum = TimeSpan.FromSeconds(count / 50.0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"N={count} elapsed={stopwatch.Elapsed.TotalSeconds:0.000}s minimum={minimum.TotalSeconds:0.0}s ratio={stopwatch.Elapsed / minimum:0.000} 429s={connector.ThrottledCount} delivered={connector.DeliveredCount}"));
        foreach (var throttled in connector.Throttled.Take(10))
        {
            output.WriteLine(throttled.ToString());
        }

        Assert.All(results, r => Assert.True(r.IsDelivered));
        Assert.Equal(count, connector.DeliveredByConversation.Count);
        Assert.Equal(0, connector.Duplicates(a => (string?)a["text"]));
        // Pacing at the published edges drew 67 to 132 of 200; a host stall longer than the margin still earns a few.
        Assert.True(connector.ThrottledCount <= count / 10, $"{connector.ThrottledCount} answered 429");
        // The client may not beat the limit: 200 at 50/s needs at least three full windows after the first burst.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(3), $"{stopwatch.Elapsed}");
    }

    // The first request of a process pays for JIT compilation of both sides, long enough to look like a stall.
    private static async Task WarmUpAsync()
    {
        await using var connector = await TeamsLimitedConnector.StartAsync();
        await using var loopback = LoopbackConnectorClient.Create();
        await loopback.Client.SendToConversationAsync(connector.ServiceUrl, "a:warm-up", new Activity { Type = ActivityTypes.Message, Text = "warm-up" });
    }
}
