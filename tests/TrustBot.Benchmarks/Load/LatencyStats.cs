namespace TrustBot.Benchmarks.Load;

/// <summary>Throughput and latency percentiles of one measured run.</summary>
internal sealed record LatencyStats(long Requests, long Failures, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public static LatencyStats From(IReadOnlyList<double> latenciesMs, long failures, TimeSpan elapsed)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LatencyStats(sorted.Length, failures, elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
