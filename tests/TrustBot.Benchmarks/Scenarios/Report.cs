using System.Globalization;
using TrustBot.Benchmarks.Load;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>One aligned line of figures per measured run.</summary>
internal static class Report
{
    public static void Line(string label, LatencyStats stats, int labelWidth = 16) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {label.PadRight(labelWidth)} {stats.RequestsPerSecond,9:0} /s   p50 {stats.P50Milliseconds,7:0.00} ms   p99 {stats.P99Milliseconds,7:0.00} ms   ({stats.Requests} ok, {stats.Failures} failed)"));
}
