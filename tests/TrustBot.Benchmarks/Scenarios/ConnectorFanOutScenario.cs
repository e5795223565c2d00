using System.Diagnostics;
using System.Globalization;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;
using ProtocolActivity = TrustBot.Protocol.Activities.Activity;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// One message to each of N conversations, all at once, through the real <see cref="ConnectorClient"/> pipeline against
/// a loopback stand-in that enforces Teams' limits. Target: elapsed ≤ 1.1 × N / 50 s, no duplicates, no losses.
/// Needs no bot host: it measures the client's pacing alone, until the nudge pipeline can be driven end to end.
/// </summary>
internal sealed class ConnectorFanOutScenario : IBenchmarkScenario
{
    private const double Target = 1.1;
    private const int GlobalLimitPerSecond = 50;

    public string Name => "connector-fanout";

    public string Description => "N sends through ConnectorClient against a stand-in enforcing Teams' rate limits";

    public bool NeedsEnvironment => false;

    public async Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        var count = settings.Count ?? (settings.Scenario == "all" ? 150 : 500);
        await WarmUpAsync(cancellationToken);
        await using var connector = await TeamsLimitedConnector.StartAsync(cancellationToken: cancellationToken);
        await using var loopback = LoopbackConnectorClient.Create();

        var stopwatch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => loopback.Client.SendToConversationAsync(
            connector.ServiceUrl, "3c8e5f1a-0000-4000-8000-0000000000ab", ConversationOf(i), Nudge(i), cancellationToken)));
        stopwatch.Stop();

        var minimum = TimeSpan.FromSeconds(count / (double)GlobalLimitPerSecond);
        var ratio = stopwatch.Elapsed / minimum;
        var duplicates = connector.Duplicates(activity => (string?)activity["id"]);
        var delivered = connector.Delivered.Select(d => d.Parse()["id"]?.GetValue<string>()).Distinct(StringComparer.Ordinal).Count();
        var losses = count - delivered;
        var notDelivered = results.Count(r => !r.IsDelivered);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  N {count}   minimum N/{GlobalLimitPerSecond} {minimum.TotalSeconds:0.00} s   elapsed {stopwatch.Elapsed.TotalSeconds:0.00} s   ratio {ratio:0.000} (target ≤ {Target:0.0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  duplicates {duplicates}   losses {losses}   429s received {connector.ThrottledCount}   calls not delivered {notDelivered}"));
        var met = ratio <= Target && duplicates == 0 && losses == 0;
        Console.WriteLine($"  {(met ? "MET" : "NOT MET")}");
        return met;
    }

    private static string ConversationOf(int index) => "a:fanout-" + index.ToString(CultureInfo.InvariantCulture);

    // The activity id names the intended delivery, so a repeat of the same message is seen as a duplicate.
    private static ProtocolActivity Nudge(int index) => new()
    {
        Type = "message",
        Id = "nudge-" + index.ToString(CultureInfo.InvariantCulture),
        Text = "Ask one question in your next meeting and wait for answers.",
    };

    // The first calls of a process pay for JIT compilation, which would count as a stall against the pacing.
    private static async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await using var connector = await TeamsLimitedConnector.StartAsync(cancellationToken: cancellationToken);
        await using var loopback = LoopbackConnectorClient.Create();
        await loopback.Client.SendToConversationAsync(connector.ServiceUrl, "3c8e5f1a-0000-4000-8000-0000000000ab", "a:warm-up", Nudge(-1), cancellationToken);
    }
}
