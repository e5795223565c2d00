using TrustBot.Benchmarks.Scenarios;

namespace TrustBot.Benchmarks;

/// <summary>
/// Runnable benchmarks (not tests): each scenario prints its figures and whether it met its target.
/// Usage: <c>dotnet run -c Release --project tests/TrustBot.Benchmarks -- [--scenario all|messages|votes|vote-latency|connector-fanout|fanout|memory|replies] [--duration 10] [--warmup 3] [--concurrency 32] [--count 500] [--chats new|open] [--gc-variant shipped|all|&lt;name&gt;] [--in-flight 64] [--worker-concurrency 64]</c>.
/// An explicit entry point, because top-level statements would declare a second global <c>Program</c> beside the host's.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var settings = BenchmarkSettings.Parse(args);
        IBenchmarkScenario[] scenarios = [new MessagesThroughputScenario(), new VotesThroughputScenario(), new VoteLatencyScenario(), new ConnectorFanOutScenario(), new NudgeFanOutScenario(), new MemoryScenario(), new RepliesScenario()];
        var selected = scenarios.Where(s => settings.Scenario == "all" || s.Name == settings.Scenario).ToList();
        if (selected.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Unknown scenario '{settings.Scenario}'. Known: all, {string.Join(", ", scenarios.Select(s => s.Name))}.");
            return 2;
        }

        // Only scenarios that need it pay for Azurite and the host; the others are handed null and never touch it.
        await using var environment = selected.Any(s => s.NeedsEnvironment) ? await BenchmarkEnvironment.StartAsync() : null;
        var allMet = true;
        foreach (var scenario in selected)
        {
            Console.WriteLine($"\n== {scenario.Name}: {scenario.Description}");
            allMet &= await scenario.RunAsync(settings, environment!, CancellationToken.None);
        }

        Console.WriteLine(allMet ? "\nAll targets met." : "\nSome targets were not met.");
        return allMet ? 0 : 1;
    }
}
