namespace TrustBot.Benchmarks.Load;

/// <summary>Throughput and latency percentiles (nearest rank) of one measured run.</summary>
internal sealed record LatencyStats(
    long Requests, long Failures, TimeSpan Elapsed, double P50Milliseconds, double P95Milliseconds, double P99Milliseconds, double MaxMilliseconds)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public static LatencyStats From(IReadOnlyList<double> latenciesMs, long failures, TimeSpan elapsed)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LatencyStats(
            sorted.Length, failures, elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), Percentile(sorted, 1.0));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
