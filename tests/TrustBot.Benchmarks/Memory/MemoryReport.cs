using System.Globalization;

namespace TrustBot.Benchmarks.Memory;

/// <summary>The <c>memory</c> scenario's lines: one per measurement as it comes, and the side-by-side table at the end.</summary>
internal static class MemoryReport
{
    public static void Row(int teams, HostMemory m, TimeSpan installing, int failed, TimeSpan settling) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"     {teams,7:N0} teams   RSS {Mb(m.RssBytes),6:0.0} MB (anon {Mb(m.RssAnonBytes):0.0}, file {Mb(m.RssFileBytes):0.0}, shared {Mb(m.RssShmemBytes):0.0})   live heap {Mb(m.LiveHeapBytes),5:0.0} MB   GC committed {Mb(m.CommittedBytes),5:0.0} MB   JIT methods {m.JitMethods,6}   installs {installing.TotalSeconds,5:0.0} s, {failed} failed   settled {settling.TotalSeconds:0.0} s"));

    public static void Table(int[] steps, IReadOnlyList<(GcVariant Variant, IReadOnlyList<HostMemory> Figures)> results, double targetMegabytes)
    {
        var counts = string.Join(" / ", steps.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)));
        Console.WriteLine();
        Console.WriteLine($"  {"variant",-26} {"RSS MB at " + counts,-28} {"live heap MB",-20} {"per team, " + Label(steps[^2], steps[^1]),-30} RSS ≤ {targetMegabytes:0} MB");
        foreach (var (variant, figures) in results)
        {
            string Series(Func<HostMemory, long> value) => string.Join(" / ", figures.Select(f => Mb(value(f)).ToString("0.0", CultureInfo.InvariantCulture)));
            var teams = steps[^1] - steps[^2];
            var rssPerTeam = (figures[^1].RssBytes - figures[^2].RssBytes) / (double)Math.Max(1, teams);
            var heapPerTeam = (figures[^1].LiveHeapBytes - figures[^2].LiveHeapBytes) / (double)Math.Max(1, teams);
            var perTeam = string.Create(CultureInfo.InvariantCulture, $"RSS {rssPerTeam / 1024:0.00} KB, heap {heapPerTeam / 1024:0.00} KB");
            var met = Mb(figures[^1].RssBytes) <= targetMegabytes ? "yes" : "no";
            Console.WriteLine($"  {variant.Name,-26} {Series(f => f.RssBytes),-28} {Series(f => f.LiveHeapBytes),-20} {perTeam,-30} {met}");
        }
    }

    private static string Label(int from, int to) => string.Create(CultureInfo.InvariantCulture, $"{from:N0}→{to:N0}");

    private static double Mb(long bytes) => bytes / HostMemory.Megabyte;
}
