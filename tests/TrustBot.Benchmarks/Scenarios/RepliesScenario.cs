using System.Globalization;
using TrustBot.Benchmarks.Load;
using TrustBot.Testing.Connector;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// N people of one tenant (default 1,000) each send a signed <c>help</c> in their own 1:1 chat, through the real host on
/// Azurite, against a loopback stand-in enforcing Teams' limits with 429 + Retry-After. Run twice: all N at the same
/// instant, and as a closed load with a bounded number of requests in flight (default 64). Target, each time: every
/// inbound request answered with p99 ≤ 200 ms, and every reply delivered within 1.05 × (N ÷ 50/s) of the first message,
/// with no duplicate and no loss.
/// </summary>
/// <remarks>
/// Distinct 1:1 chats, because that is how many people write to a bot at once (in one channel, Teams' per-thread limits
/// would make a thousand replies take minutes whatever the bot does); so only the app's 50 requests a second per tenant
/// binds, and the minimum is N ÷ 50 s.
/// </remarks>
internal sealed class RepliesScenario : IBenchmarkScenario
{
    private const double TargetP99Milliseconds = 200;
    private const double TargetRatio = 1.05;
    private const int DefaultInFlight = 64;
    private const int WarmUpPeople = 50;

    public string Name => "replies";

    public string Description => "N people writing `help` at once in one tenant: inbound latency, and replies at Teams' pace";

    public async Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        var count = settings.Count ?? 1000;
        var inFlight = settings.InFlight ?? DefaultInFlight;
        var extra = new Dictionary<string, string?>();
        if (settings.WorkerConcurrency is { } workers)
        {
            extra["Delivery:Concurrency"] = workers.ToString(CultureInfo.InvariantCulture);
        }

        var prefix = "rep" + Guid.NewGuid().ToString("N")[..6];
        await using var host = new BenchmarkEnvironment.BotHost(BenchmarkEnvironment.HostSettings(environment.Azurite, environment.OpenId, prefix, extra));
        host.UseKestrel(0);
        host.StartServer();
        var address = host.ClientOptions.BaseAddress;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = count, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  N {count} people of one tenant, each writing `help` in their own 1:1 chat; worker concurrency {settings.WorkerConcurrency?.ToString(CultureInfo.InvariantCulture) ?? "default (64)"}"));

        // The first messages of a process pay for JIT compilation and the first token validation; and the Bot Connector
        // keeps its connections to a bot open, so the connections are opened before anything is timed.
        await OpenConnectionsAsync(client, address, count, cancellationToken);
        await using (var warmUpConnector = await TeamsLimitedConnector.StartAsync(cancellationToken: cancellationToken))
        {
            await new ReplyRound(host.Services, client, address, environment, warmUpConnector, WarmUpPeople).RunAsync(null, cancellationToken);
        }

        var atOnce = await MeasureAsync(host, client, address, environment, count, null, cancellationToken);
        var bounded = await MeasureAsync(host, client, address, environment, count, inFlight, cancellationToken);
        var metAtOnce = Print("all at once", atOnce);
        var metBounded = Print(string.Create(CultureInfo.InvariantCulture, $"{inFlight} in flight"), bounded);
        await PrintRawAsync(environment, count, inFlight, cancellationToken);
        return metAtOnce && metBounded;
    }

    private static async Task<ReplyFigures> MeasureAsync(
        BenchmarkEnvironment.BotHost host, HttpClient client, Uri address, BenchmarkEnvironment environment, int count, int? inFlight, CancellationToken cancellationToken)
    {
        // The previous round's sends must leave the app-wide one-second window first.
        await Task.Delay(TimeSpan.FromSeconds(1.2), TimeProvider.System, cancellationToken);
        await using var connector = await TeamsLimitedConnector.StartAsync(cancellationToken: cancellationToken);
        return await new ReplyRound(host.Services, client, address, environment, connector, count).RunAsync(inFlight, cancellationToken);
    }

    private static async Task OpenConnectionsAsync(HttpClient client, Uri address, int count, CancellationToken cancellationToken)
    {
        var health = new Uri(address, "/healthz");
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var response = await client.GetAsync(health, cancellationToken);
        }));
    }

    // The storage work alone, the same number of times in the same two shapes: how much of the latency is Azurite's.
    private static async Task PrintRawAsync(BenchmarkEnvironment environment, int count, int inFlight, CancellationToken cancellationToken)
    {
        var raw = await RawReplyWork.CreateAsync(environment, cancellationToken);
        await PrintRawAsync("a leader query, an address read, a queue send", raw.ReceiveAsync, count, inFlight, cancellationToken);
        await PrintRawAsync("the queue send alone", raw.QueueOnlyAsync, count, inFlight, cancellationToken);
    }

    private static async Task PrintRawAsync(
        string work, Func<CancellationToken, Task<bool>> receive, int count, int inFlight, CancellationToken cancellationToken)
    {
        List<Func<Task<bool>>> Sends() => [.. Enumerable.Range(0, count).Select(_ => (Func<Task<bool>>)(() => receive(cancellationToken)))];
        await BoundedLoad.RunAsync(Sends().Take(WarmUpPeople).ToList(), inFlight);
        var atOnce = (await Burst.RunAsync(Sends())).Stats;
        var bounded = (await BoundedLoad.RunAsync(Sends(), inFlight)).Stats;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the same storage work without the bot ({work}; {count} times): all at once p50 {atOnce.P50Milliseconds:0} ms, p99 {atOnce.P99Milliseconds:0} ms; {inFlight} in flight p50 {bounded.P50Milliseconds:0} ms, p99 {bounded.P99Milliseconds:0} ms"));
    }

    private static bool Print(string label, ReplyFigures f)
    {
        string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "never";
        var i = f.Inbound;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: inbound p50 {i.P50Milliseconds:0} ms, p95 {i.P95Milliseconds:0} ms, p99 {i.P99Milliseconds:0} ms, max {i.MaxMilliseconds:0} ms (target p99 ≤ {TargetP99Milliseconds:0} ms); {i.Requests} answered 200, {i.Failures} not, all within {i.Elapsed.TotalSeconds:0.00} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    replies delivered {f.Count - f.Losses} of {f.Count}: last after {Seconds(f.Completion)} (first after {Seconds(f.FirstReply)}), minimum {f.Count}/{FanOutFigures.AppLimitPerSecond} = {f.Minimum.TotalSeconds:0.00} s, ratio {(f.Ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")} (target ≤ {TargetRatio:0.00})"));
        var perMessage = (double)Math.Max(1, f.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    duplicates {f.Duplicates}   losses {f.Losses}   429s received {f.Throttled}   dead letters {f.DeadLetters}   storage calls per message, in and out: {f.Storage.TableReads / perMessage:0.0} table reads, {f.Storage.TableWrites / perMessage:0.0} table writes, {f.Storage.Queues / perMessage:0.0} queue"));
        var met = i.P99Milliseconds <= TargetP99Milliseconds && i.Failures == 0 && f.Ratio <= TargetRatio && f.Duplicates == 0 && f.Losses == 0;
        Console.WriteLine($"    {(met ? "MET" : "NOT MET")}");
        return met;
    }
}
