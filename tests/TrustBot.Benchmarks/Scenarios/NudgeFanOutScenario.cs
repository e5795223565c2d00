using System.Globalization;
using TrustBot.Testing.Connector;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// The weekly nudge of N leaders of one team, all due at once, through the real host (scheduler tick, outbox queue and
/// worker, nudge job and sender, Connector client) on Azurite, against a loopback stand-in enforcing Teams' limits.
/// By default no leader's 1:1 chat is open yet, so each nudge costs a create and a send. Target: the last leader has
/// their card within 1.05 × (requests needed ÷ 50/s) of the due time, no duplicates, no losses, and at most
/// <see cref="StorageCallsTarget"/> storage and queue calls per nudge.
/// </summary>
internal sealed class NudgeFanOutScenario : IBenchmarkScenario
{
    private const double Target = 1.05;
    private const double StorageCallsTarget = 8;
    private const int WarmUpLeaders = 20;

    // Every entry of a round is due at one instant, far enough ahead that writing them all finishes before it.
    private static readonly TimeSpan ScheduleLead = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public string Name => "fanout";

    public string Description => "N leaders' weekly nudges due at once, through the host, against Teams' rate limits";

    public async Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        var count = settings.Count ?? 500;
        var prefix = "fan" + Guid.NewGuid().ToString("N")[..6];
        await using var host = new BenchmarkEnvironment.BotHost(BenchmarkEnvironment.HostSettings(environment.Azurite, environment.OpenId, prefix, new Dictionary<string, string?>
        {
            ["Delivery:PollInterval"] = "00:00:00.200",
            ["Delivery:Concurrency"] = "64",
            // The benchmark seeds its leaders directly, so the install names no installer; that warning is expected.
            ["Logging:LogLevel:TrustBot.Core.Leaders.LeaderEnrollment"] = "Error",
        }));
        host.StartServer();

        // The first nudges of a process pay for JIT compilation and cold connections; a small team goes first.
        await using (var warmUpConnector = await TeamsLimitedConnector.StartAsync(cancellationToken: cancellationToken))
        {
            var warmUp = new NudgeFanOutRound(host.Services, warmUpConnector, WarmUpLeaders, settings.ChatsOpen);
            await RunRoundAsync(warmUp, warmUpConnector, environment, prefix, cancellationToken);
        }

        await using var connector = await TeamsLimitedConnector.StartAsync(cancellationToken: cancellationToken);
        var round = new NudgeFanOutRound(host.Services, connector, count, settings.ChatsOpen);
        var (figures, late, storage, sites) = await RunRoundAsync(round, connector, environment, prefix, cancellationToken);
        return Print(figures, late, storage, sites, settings.ChatsOpen);
    }

    private static async Task<(FanOutFigures Figures, TimeSpan Late, Load.StorageRequests Storage, IReadOnlyList<string> Sites)> RunRoundAsync(
        NudgeFanOutRound round, TeamsLimitedConnector connector, BenchmarkEnvironment environment, string prefix, CancellationToken cancellationToken)
    {
        await round.SeedAsync(cancellationToken);

        // The install's welcome card and the warm-up's sends must leave the app-wide one-second window first.
        await Task.Delay(TimeSpan.FromSeconds(1.2), TimeProvider.System, cancellationToken);
        var baseline = ConnectorCounts.Of(connector);
        var dueAt = TimeProvider.System.GetUtcNow() + ScheduleLead;
        var written = await round.ScheduleAsync(dueAt, cancellationToken);

        // Counted from when the timetable is written until the round is measured: what the nudges themselves cost,
        // the host's idle ticks over those seconds included.
        using var storage = new Load.StorageRequestCounter(environment.Azurite.TableEndpoint, environment.Azurite.QueueEndpoint);
        using var sites = new Load.StorageCallSites(environment.Azurite.TableEndpoint, environment.Azurite.QueueEndpoint, prefix);
        var minimum = TimeSpan.FromSeconds(round.RequestsNeeded / (double)FanOutFigures.AppLimitPerSecond);
        var figures = await round.MeasureAsync(dueAt, baseline, minimum * 5 + TimeSpan.FromSeconds(30), Settle, cancellationToken);
        return (figures, written > dueAt ? written - dueAt : TimeSpan.Zero, storage.Read(), sites.Describe(figures.Count, "nudge").ToList());
    }

    private static bool Print(FanOutFigures f, TimeSpan late, Load.StorageRequests storage, IReadOnlyList<string> sites, bool chatsOpen)
    {
        string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "never";
        var requests = chatsOpen ? "1 send each (chats already open)" : "1 create + 1 send each (no chat open yet)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  N {f.Count}   requests needed {f.RequestsNeeded} ({requests})   minimum {f.RequestsNeeded}/{FanOutFigures.AppLimitPerSecond} = {f.Minimum.TotalSeconds:0.00} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  elapsed {Seconds(f.Elapsed)} (first card after {Seconds(f.FirstNudge)})   ratio {(f.Ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")} (target ≤ {Target:0.00})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  duplicates {f.Duplicates}   losses {f.Losses}   429s received {f.Throttled}   requests received {f.RequestsReceived}   dead letters {f.DeadLetters}"));
        if (f.ThrottledAt.Count > 0)
        {
            Console.WriteLine($"  429s at {string.Join(", ", f.ThrottledAt)}");
        }

        if (late > TimeSpan.Zero)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  note: writing the timetable took {late.TotalSeconds:0.00} s past the due time; it counts against the elapsed time"));
        }

        var calls = (storage.TableReads + storage.TableWrites + storage.Queues) / (double)Math.Max(1, f.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  storage and queue calls per nudge {calls:0.0} (table reads {storage.TableReads / (double)Math.Max(1, f.Count):0.0}, table writes {storage.TableWrites / (double)Math.Max(1, f.Count):0.0}, queue {storage.Queues / (double)Math.Max(1, f.Count):0.0}; target ≤ {StorageCallsTarget:0})"));
        Console.WriteLine("  where they go (the host's idle ticks over the round included):");
        foreach (var site in sites)
        {
            Console.WriteLine(site);
        }

        var met = f.Ratio <= Target && f.Duplicates == 0 && f.Losses == 0 && calls <= StorageCallsTarget;
        Console.WriteLine($"  {(met ? "MET" : "NOT MET")}");
        return met;
    }
}
