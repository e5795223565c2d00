using System.Diagnostics;

namespace TrustBot.Benchmarks.Load;

/// <summary>
/// A closed-loop load generator: N workers each send one request, wait for its answer, and send the next, for a fixed
/// time. Bounded in time and count, loopback only.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LatencyStats> RunAsync(
        Func<CancellationToken, Task<bool>> sendOne, int concurrency, TimeSpan duration, CancellationToken cancellationToken) =>
        (await SampleAsync(sendOne, concurrency, duration, cancellationToken)).Stats;

    /// <summary>The same run, returning its samples, so that several runs can be combined.</summary>
    public static async Task<Samples> SampleAsync(
        Func<CancellationToken, Task<bool>> sendOne, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var perWorker = new List<double>[concurrency];
        var failures = 0L;
        var clock = Stopwatch.StartNew();
        stop.CancelAfter(duration);

        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var latencies = perWorker[worker] = new List<double>(capacity: 64 * 1024);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await sendOne(CancellationToken.None);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                if (ok)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToArray();

        await Task.WhenAll(workers);
        clock.Stop();
        return new Samples([.. perWorker.SelectMany(l => l)], failures, clock.Elapsed);
    }
}
