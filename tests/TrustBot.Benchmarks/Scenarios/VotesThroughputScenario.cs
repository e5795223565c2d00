using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustBot.Benchmarks.Load;
using TrustBot.Core.Anonymity;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// End-to-end authenticated votes per second through the bot (HTTP, JWT, check-in lookup, participation hash, the
/// participation insert and the ballot's queue send, the tally and the card) beside the raw rate of that same storage
/// work, one participation insert plus one queue send per vote, issued directly with the Azure SDKs against the same
/// Azurite, in one run. Target: ratio ≥ 0.8.
/// </summary>
internal sealed class VotesThroughputScenario : IBenchmarkScenario
{
    private const double Target = 0.8;
    private const string RawLabel = "raw participation insert + queue send";
    private const int LabelWidth = 38;

    public string Name => "votes";

    public string Description => "authenticated votes through the bot vs the raw participation insert + queue send";

    public async Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency * 2 });
        var team = new BotActivities(environment, client);
        var (checkInId, inputs) = await team.StartCheckInAsync(cancellationToken);
        var foldInterval = environment.Host.Services.GetRequiredService<IOptions<FoldOptions>>().Value.FoldInterval;
        var raw = await RawVoteWork.CreateAsync(environment, team.TenantId, inputs, foldInterval, cancellationToken);

        Func<CancellationToken, Task<bool>> BotVote() => async ct =>
        {
            using var response = await team.PostAsync(team.Vote(checkInId, inputs), ct);
            return response.StatusCode == HttpStatusCode.OK;
        };

        Func<CancellationToken, Task<bool>> RawVote() => raw.CastAsync;

        Console.WriteLine($"  {inputs.Count} statements per vote; warm-up {settings.Warmup.TotalSeconds:0}s each, then {settings.Duration.TotalSeconds:0}s each at concurrency {settings.Concurrency}");
        await LoadGenerator.RunAsync(RawVote(), settings.Concurrency, settings.Warmup, cancellationToken);
        await LoadGenerator.RunAsync(BotVote(), settings.Concurrency, settings.Warmup, cancellationToken);
        var rawStats = await LoadGenerator.RunAsync(RawVote(), settings.Concurrency, settings.Duration, cancellationToken);
        using var storage = new StorageRequestCounter(environment.Azurite.TableEndpoint, environment.Azurite.QueueEndpoint);
        var botStats = await LoadGenerator.RunAsync(BotVote(), settings.Concurrency, settings.Duration, cancellationToken);
        var (tables, queues) = storage.Read();

        var ratio = botStats.RequestsPerSecond / rawStats.RequestsPerSecond;
        Report.Line(RawLabel, rawStats, LabelWidth);
        Report.Line("vote via bot", botStats, LabelWidth);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  storage requests per vote through the bot: {tables / (double)botStats.Requests:0.0} table + {queues / (double)botStats.Requests:0.0} queue (raw: 1 + 1)"));
        var met = ratio >= Target && botStats.Failures == 0 && rawStats.Failures == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio votes/s ÷ raw ops/s (one op = {RawLabel}) = {ratio:0.00} (target ≥ {Target:0.0}): {(met ? "MET" : "NOT MET")}"));
        return met;
    }
}
