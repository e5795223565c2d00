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
    private const int Slices = 4;

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

        // The two runs alternate in slices, raw first then bot first in turn, so that a drift in the machine's load
        // (Azurite warming up, other work on a shared machine) falls on both alike instead of on whichever runs second.
        var slice = settings.Duration / Slices;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {inputs.Count} statements per vote; warm-up {settings.Warmup.TotalSeconds:0}s each, then {settings.Duration.TotalSeconds:0}s each at concurrency {settings.Concurrency}, in {Slices} alternating slices of {slice.TotalSeconds:0.0}s"));
        await LoadGenerator.RunAsync(RawVote(), settings.Concurrency, settings.Warmup, cancellationToken);
        await LoadGenerator.RunAsync(BotVote(), settings.Concurrency, settings.Warmup, cancellationToken);
        var rawRuns = new List<Samples>();
        var botRuns = new List<Samples>();
        using var storage = new StorageRequestCounter(environment.Azurite.TableEndpoint, environment.Azurite.QueueEndpoint);
        var requests = default(StorageRequests);
        for (var i = 0; i < Slices; i++)
        {
            if (i % 2 == 0)
            {
                rawRuns.Add(await LoadGenerator.SampleAsync(RawVote(), settings.Concurrency, slice, cancellationToken));
            }

            var before = storage.Read();
            botRuns.Add(await LoadGenerator.SampleAsync(BotVote(), settings.Concurrency, slice, cancellationToken));
            requests += storage.Read() - before;
            if (i % 2 == 1)
            {
                rawRuns.Add(await LoadGenerator.SampleAsync(RawVote(), settings.Concurrency, slice, cancellationToken));
            }
        }

        var rawStats = Samples.Combined(rawRuns);
        var botStats = Samples.Combined(botRuns);

        var ratio = botStats.RequestsPerSecond / rawStats.RequestsPerSecond;
        Report.Line(RawLabel, rawStats, LabelWidth);
        Report.Line("vote via bot", botStats, LabelWidth);
        Console.WriteLine(requests.PerVote(botStats.Requests));
        // Every vote is a new voter on the same check-in, so the box grows far past a team's size; its reads grow with it.
        var participants = await environment.Host.Services.GetRequiredService<IBallotBox>().CountParticipantsAsync(team.TenantId, checkInId, cancellationToken);
        Console.WriteLine($"  all bot votes went to one check-in, which ends with {participants} participants");
        var met = ratio >= Target && botStats.Failures == 0 && rawStats.Failures == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio votes/s ÷ raw ops/s (one op = {RawLabel}) = {ratio:0.00} (target ≥ {Target:0.0}): {(met ? "MET" : "NOT MET")}"));
        return met;
    }
}
