using System.Diagnostics;

namespace TrustBot.Benchmarks.Load;

/// <summary>
/// An open burst: every send is released at the same moment (nobody waits for anybody), each timed from its own start
/// to its answer. Built before the release, so the timed part is the send alone. Bounded by the sends given, loopback only.
/// </summary>
internal static class Burst
{
    public static async Task<Samples> RunAsync(IReadOnlyList<Func<Task<bool>>> sends)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = sends.Select(async send =>
        {
            await start.Task;
            var sent = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                ok = await send();
            }
            catch (HttpRequestException)
            {
                ok = false;
            }

            return (Ok: ok, Milliseconds: Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }).ToArray();

        var wall = Stopwatch.StartNew();
        start.SetResult();
        var answers = await Task.WhenAll(running);
        wall.Stop();
        return new Samples([.. answers.Where(a => a.Ok).Select(a => a.Milliseconds)], answers.Count(a => !a.Ok), wall.Elapsed);
    }
}
