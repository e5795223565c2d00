namespace TrustBot.Benchmarks.Scenarios;

/// <summary>One benchmark: sets itself up on loopback, measures, prints its figures and whether it met its target.</summary>
internal interface IBenchmarkScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>False when the scenario starts what it needs itself, so a run of only such scenarios skips the bot host.</summary>
    bool NeedsEnvironment => true;

    /// <summary>Runs the scenario; returns true when the target was met.</summary>
    Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken);
}
