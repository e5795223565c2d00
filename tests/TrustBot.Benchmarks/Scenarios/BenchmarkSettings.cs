using System.Globalization;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// Command-line settings: <c>--scenario</c>, <c>--duration</c> (seconds), <c>--warmup</c> (seconds), <c>--concurrency</c>,
/// <c>--count</c> (messages of a fan-out; the scenario's default when absent), <c>--chats</c> (<c>new</c>: the nudge
/// fan-out opens every leader's 1:1 chat first, as the first nudge does in production; <c>open</c>: chats exist already),
/// <c>--gc-variant</c> (the runtime settings of the <c>memory</c> scenario's host: <c>shipped</c>, a named variant, or <c>all</c>),
/// <c>--in-flight</c> (requests a closed load keeps in flight; the scenario's default when absent) and
/// <c>--worker-concurrency</c> (the host's <c>Delivery:Concurrency</c>; the app's default when absent).
/// </summary>
internal sealed record BenchmarkSettings(string Scenario, TimeSpan Duration, TimeSpan Warmup, int Concurrency)
{
    public int? Count { get; init; }

    public bool ChatsOpen { get; init; }

    public string GcVariant { get; init; } = "shipped";

    public int? InFlight { get; init; }

    public int? WorkerConcurrency { get; init; }

    public static BenchmarkSettings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new BenchmarkSettings(
            Value("--scenario", "all"),
            TimeSpan.FromSeconds(double.Parse(Value("--duration", "10"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Value("--warmup", "3"), CultureInfo.InvariantCulture)),
            int.Parse(Value("--concurrency", "32"), CultureInfo.InvariantCulture))
        {
            Count = Value("--count", string.Empty) is { Length: > 0 } count ? int.Parse(count, CultureInfo.InvariantCulture) : null,
            ChatsOpen = Value("--chats", "new") == "open",
            GcVariant = Value("--gc-variant", "shipped"),
            InFlight = Value("--in-flight", string.Empty) is { Length: > 0 } inFlight ? int.Parse(inFlight, CultureInfo.InvariantCulture) : null,
            WorkerConcurrency = Value("--worker-concurrency", string.Empty) is { Length: > 0 } worker ? int.Parse(worker, CultureInfo.InvariantCulture) : null,
        };
    }
}
