namespace TrustBot.Benchmarks.Load;

/// <summary>The answered requests' latencies of one measured run, the requests that failed, and the run's elapsed time.</summary>
internal sealed record Samples(IReadOnlyList<double> LatenciesMs, long Failures, TimeSpan Elapsed)
{
    public LatencyStats Stats => LatencyStats.From(LatenciesMs, Failures, Elapsed);

    /// <summary>Several runs as one set of samples; throughput over their summed elapsed times.</summary>
    public static LatencyStats Combined(IEnumerable<Samples> runs)
    {
        var list = runs.ToList();
        return LatencyStats.From([.. list.SelectMany(r => r.LatenciesMs)], list.Sum(r => r.Failures), TimeSpan.FromTicks(list.Sum(r => r.Elapsed.Ticks)));
    }
}
