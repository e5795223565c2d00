using System.Diagnostics;

namespace TrustBot.Benchmarks.Load;

/// <summary>
/// A closed load: the sends go out in order with at most a given number in flight, each timed from its own start to its
/// answer, so the latencies are those of a service kept busy without a queue of requests forming in front of it.
/// </summary>
internal static class BoundedLoad
{
    public static async Task<Samples> RunAsync(IReadOnlyList<Func<Task<bool>>> sends, int inFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        var next = -1;
        var latencies = new double[sends.Count];
        var ok = new bool[sends.Count];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(inFlight, sends.Count)).Select(async _ =>
        {
            await Task.Yield();
            for (var i = Interlocked.Increment(ref next); i < sends.Count; i = Interlocked.Increment(ref next))
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    ok[i] = await sends[i]();
                }
                catch (HttpRequestException)
                {
                    ok[i] = false;
                }

                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }
        }));
        wall.Stop();
        return new Samples([.. latencies.Where((_, i) => ok[i])], ok.Count(o => !o), wall.Elapsed);
    }
}
