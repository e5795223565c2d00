using System.Diagnostics;
using System.Globalization;
using TrustBot.Benchmarks.Memory;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// The host's memory as teams are added: the real TrustBot.Web host runs as a child process (<see cref="HostProcess"/>)
/// on this run's Azurite, OpenID server and stub Connector; N teams are installed through signed activities
/// (<see cref="TeamInstaller"/>); once every send the installs caused has gone out and a scheduler poll has passed, the
/// host collects its garbage fully and its resident set and live heap are read, at 0, 1,000 and N teams.
/// <c>--gc-variant</c> runs the host with other runtime settings (<see cref="GcVariant"/>), <c>all</c> side by side.
/// Target: RSS ≤ 150 MB with 10,000 teams, with the settings the host ships with.
/// </summary>
internal sealed class MemoryScenario : IBenchmarkScenario
{
    private const double TargetMegabytes = 150;
    private const int DefaultCount = 10_000;
    private const int MiddleStep = 1_000;

    // Short, so a poll runs within the quiet period below and the outbox's leader introductions go out promptly.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    // No Connector request for this long: the installs' sends are done, and at least one scheduler poll ran.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(10);

    public string Name => "memory";

    public string Description => "RSS and live heap of the host (a child process) with 0, 1,000 and N teams installed";

    public async Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        if (GcVariant.Select(settings.GcVariant) is not { } variants)
        {
            Console.WriteLine($"  Unknown --gc-variant '{settings.GcVariant}'. Known: all, {string.Join(", ", GcVariant.All.Select(v => v.Name))}.");
            return false;
        }

        var count = settings.Count ?? DefaultCount;
        int[] steps = count > MiddleStep ? [0, MiddleStep, count] : [0, count];
        var results = new List<(GcVariant Variant, IReadOnlyList<HostMemory> Figures)>();
        foreach (var variant in variants)
        {
            Console.WriteLine($"  -- {variant.Name}: {variant.Description}; environment {variant.EnvironmentText}");
            results.Add((variant, await RunVariantAsync(variant, steps, settings.Concurrency, environment, cancellationToken)));
        }

        MemoryReport.Table(steps, results, TargetMegabytes);
        var judged = results.Where(r => r.Variant.Name == "shipped").ToList() is { Count: > 0 } shipped ? shipped : results;
        var met = judged.All(r => r.Figures[^1].RssBytes / HostMemory.Megabyte <= TargetMegabytes);
        var at = steps[^1].ToString("N0", CultureInfo.InvariantCulture);
        Console.WriteLine(count >= DefaultCount
            ? $"  target RSS ≤ {TargetMegabytes:0} MB with {at} teams ({string.Join(", ", judged.Select(r => r.Variant.Name))}): {(met ? "MET" : "NOT MET")}"
            : $"  target RSS ≤ {TargetMegabytes:0} MB is for {DefaultCount:N0} teams; this run stopped at {at}: {(met ? "MET so far" : "NOT MET")}");
        return met;
    }

    private static async Task<IReadOnlyList<HostMemory>> RunVariantAsync(
        GcVariant variant, int[] steps, int concurrency, BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        var prefix = "mem" + Guid.NewGuid().ToString("N")[..6];
        var hostSettings = BenchmarkEnvironment.HostSettings(environment.Azurite, environment.OpenId, prefix, new Dictionary<string, string?>
        {
            ["Delivery:PollInterval"] = PollInterval.ToString("c", CultureInfo.InvariantCulture),
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        await using var host = await HostProcess.StartAsync(hostSettings, variant, client, cancellationToken);
        var installer = new TeamInstaller(environment, client, host.Address, concurrency);

        var figures = new List<HostMemory>();
        var installed = 0;
        foreach (var step in steps)
        {
            var (elapsed, failed) = step > installed ? await installer.InstallAsync(step - installed, cancellationToken) : (TimeSpan.Zero, 0);
            installed = step;
            var settled = await SettleAsync(environment, cancellationToken);
            var memory = await host.MeasureAsync(client, cancellationToken);
            if (figures.Count == 0)
            {
                Console.WriteLine($"     {memory.GcMode}");
            }

            figures.Add(memory);
            MemoryReport.Row(step, memory, elapsed, failed, settled);
        }

        return figures;
    }

    // Waits until the stub Connector has had no request for the quiet period; returns how long that took.
    private static async Task<TimeSpan> SettleAsync(BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var seen = environment.Connector.Requests.Count;
        var quietSince = stopwatch.Elapsed;
        while (stopwatch.Elapsed - quietSince < QuietPeriod && stopwatch.Elapsed < SettleTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
            var now = environment.Connector.Requests.Count;
            if (now != seen)
            {
                seen = now;
                quietSince = stopwatch.Elapsed;
            }
        }

        return stopwatch.Elapsed;
    }
}
