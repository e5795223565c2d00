namespace TrustBot.Benchmarks.Load;

/// <summary>The answered sends' latencies of one burst, the sends that failed, and the time until the last answer.</summary>
internal sealed record BurstResult(IReadOnlyList<double> LatenciesMs, int Failures, TimeSpan Wall)
{
    public LatencyStats Stats => LatencyStats.From(LatenciesMs, Failures, Wall);

    /// <summary>Several bursts as one set of samples; throughput over their summed wall times.</summary>
    public static LatencyStats Combined(IEnumerable<BurstResult> bursts)
    {
        var list = bursts.ToList();
        return LatencyStats.From([.. list.SelectMany(b => b.LatenciesMs)], list.Sum(b => b.Failures), TimeSpan.FromTicks(list.Sum(b => b.Wall.Ticks)));
    }
}
