namespace TrustBot.Benchmarks.Scenarios;

/// <summary>One benchmark: sets itself up on loopback, measures, prints its figures and whether it met its target.</summary>
internal interface IBenchmarkScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the scenario; returns true when the target was met.</summary>
    Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken);
}
