using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrustBot.Web.Tests.Fuzzing;

/// <summary>
/// Posts over ten thousand mutated real Teams activities through the real pipeline (HTTP, JWT, Azurite). First a batch
/// that breaks one input limit each, against a quiet host: every one must get a 400 naming the field, and storage,
/// queues and the Connector must be untouched. Then a mixed batch: never a 5xx, real activities accepted, nothing
/// stored for a refused one, no call to a host outside the allow-list. The seed is printed; set
/// <c>TRUSTBOT_FUZZ_SEED</c> to replay a run.
/// </summary>
[Collection(BotHostGroup.Name)]
public sealed class ActivityFuzzTests(BotHostFixture host, ITestOutputHelper output)
{
    private const int DefaultSeed = 20261203;
    private const int OutOfBoundsCases = 5000;
    private const int MixedCases = 5200;
    private const int Parallelism = 4;

    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    [Fact]
    public async Task MutatedActivities_NeverCause5xx_RefuseOutOfBoundsWithoutATrace_AcceptRealOnes()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TRUSTBOT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        output.WriteLine($"Activity fuzz seed: {seed} (TRUSTBOT_FUZZ_SEED={seed} replays it)");

        // Out of bounds only, on a quiet host, so that any write, enqueue or send they caused would show.
        await WaitUntilQuietAsync();
        var before = await SnapshotAsync();
        var connectorCallsBefore = ConnectorCalls();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refused = await RunAsync(seed, first: 0, OutOfBoundsCases, outOfBoundsOnly: true);
        output.WriteLine($"{OutOfBoundsCases} out-of-bounds cases in {clock.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // debounced work (shared card updates) would have begun
        var changes = (await SnapshotAsync()).ChangesSince(before);

        AssertExpectations(seed, refused);
        Assert.True(changes.Count == 0, $"seed {seed}: out-of-bounds activities changed storage: {string.Join(", ", changes.Take(10))}");
        Assert.Equal(connectorCallsBefore, ConnectorCalls());

        clock.Restart();
        var mixed = await RunAsync(seed, first: OutOfBoundsCases, MixedCases, outOfBoundsOnly: false);
        output.WriteLine($"{MixedCases} mixed cases in {clock.Elapsed.TotalSeconds:F1} s");

        AssertExpectations(seed, mixed);
        var statuses = mixed.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("Mixed batch statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(statuses.GetValueOrDefault(200) > MixedCases / 5, $"seed {seed}: too few accepted");
        Assert.True(mixed.Count(r => r.Status >= 400) > MixedCases / 5, $"seed {seed}: too few refused");

        var refusedTenants = mixed.Concat(refused).Where(r => r.Status >= 400).Select(r => r.Case.TenantId).ToHashSet(StringComparer.Ordinal);
        var tablesWithRefused = (await SnapshotAsync()).TablesMentioning(refusedTenants);
        Assert.True(tablesWithRefused.Count == 0, $"seed {seed}: refused activities left rows in {string.Join(", ", tablesWithRefused)}");

        // The allow-list names hosts, not ports (a mutated serviceUrl such as http://127.0.0.1:418/… may be called).
        var allowedHosts = new[] { new Uri(host.ServiceUrl).Host, new Uri(host.OpenId.MetadataUrl).Host };
        Assert.DoesNotContain(host.Factory.Outbound.Uris, u => !allowedHosts.Contains(u.Host, StringComparer.OrdinalIgnoreCase));
    }

    private async Task<List<FuzzResult>> RunAsync(int seed, int first, int count, bool outOfBoundsOnly)
    {
        var results = new ConcurrentBag<FuzzResult>();
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (index, cancellationToken) =>
        {
            var fuzzCase = Generate(seed, index, outOfBoundsOnly);
            using var response = await host.PostRawAsync(fuzzCase.Body, fuzzCase.Token);
            var status = (int)response.StatusCode;
            var error = status == 400 ? ErrorMessage(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
            results.Add(new FuzzResult(fuzzCase, status, error));
        });
        return [.. results.OrderBy(r => r.Case.Index)];
    }

    private FuzzCase Generate(int seed, int index, bool outOfBoundsOnly)
    {
        // One generator per case, derived from the seed and the index, so a failing case replays on its own.
        var random = new Random(unchecked((seed * 7919) + index));
        var shape = random.Next(FuzzShapes.Names.Length);
        var teams = new TeamsActivities(host.ServiceUrl, Guid.NewGuid().ToString());
        var activity = FuzzShapes.Build(shape, teams);
        string body, description;
        FuzzExpectation expectation;
        string? field;
        if (outOfBoundsOnly)
        {
            (var mutated, description, field) = OutOfBoundsMutator.Mutate(random, activity);
            (body, expectation) = (JsonPaths.Serialize(mutated), FuzzExpectation.OutOfBounds);
        }
        else
        {
            (body, description, expectation, field) = ActivityMutator.Mutate(random, activity);
        }

        var claim = activity["serviceUrl"] is JsonValue url && url.TryGetValue<string>(out var text) ? text : host.ServiceUrl;
        var token = random.Next(40) switch
        {
            0 when expectation != FuzzExpectation.OutOfBounds => null,
            1 when expectation != FuzzExpectation.OutOfBounds => "garbage." + random.Next(),
            _ => _tokens.GetOrAdd(claim, c => host.Issuer.CreateToken(BotHostFixture.AppId, c)),
        };
        if (token is null || token.StartsWith("garbage.", StringComparison.Ordinal))
        {
            (description, expectation) = (description + ", bad or missing token", FuzzExpectation.NoServerError);
        }

        return new FuzzCase(index, $"{FuzzShapes.Names[shape]}: {description}", body, token, teams.TenantId, expectation, field);
    }

    private static void AssertExpectations(int seed, List<FuzzResult> results)
    {
        // Server errors first: they are the worst, and the ones a fuzz run exists to find.
        var failed = results.Where(r => Failure(r) is not null).OrderByDescending(r => r.Status >= 500).ToList();
        var examples = failed.Take(12).Select(r => $"case {r.Case.Index} ({r.Case.Description}): {Failure(r)}");
        Assert.True(failed.Count == 0, $"seed {seed}: {failed.Count} of {results.Count} cases failed, {failed.Count(r => r.Status >= 500)} with a 5xx:\n" + string.Join("\n", examples));
    }

    private static string? Failure(FuzzResult result) => result switch
    {
        { Status: >= 500 } => $"answered {result.Status}",
        { Case.Expectation: FuzzExpectation.Accepted, Status: not 200 } => $"a legitimate activity answered {result.Status}",
        { Case.Expectation: FuzzExpectation.OutOfBounds, Status: not 400 } => $"answered {result.Status} instead of 400",
        { Case.Expectation: FuzzExpectation.OutOfBounds } when result.Error is null || !result.Error.StartsWith(result.Case.Field + " ", StringComparison.Ordinal)
            => $"the 400 does not name {result.Case.Field}: {result.Error}",
        { Case.Expectation: FuzzExpectation.OutOfBounds } when result.Error!.Length > 200 || result.Error.Contains(result.Case.TenantId, StringComparison.Ordinal)
            => "the 400 echoes the input",
        _ => null,
    };

    private static string? ErrorMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private int ConnectorCalls() => host.Connector.Requests.Count;

    private Task<StorageSnapshot> SnapshotAsync() => StorageSnapshot.TakeAsync(host.Azurite.ConnectionString, host.TablePrefix);

    /// <summary>Waits until earlier tests' background work (sends, closings) has settled: two equal snapshots in a row.</summary>
    private async Task WaitUntilQuietAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var previous = await SnapshotAsync();
        var calls = ConnectorCalls();
        while (DateTime.UtcNow < deadline)
        {
            // Longer than a fold interval, so a fold of earlier tests' ballots cannot fall between two equal snapshots.
            await Task.Delay(TimeSpan.FromMilliseconds(2500));
            var current = await SnapshotAsync();
            if (current.ChangesSince(previous).Count == 0 && ConnectorCalls() == calls)
            {
                return;
            }

            (previous, calls) = (current, ConnectorCalls());
        }
    }

    private sealed record FuzzResult(FuzzCase Case, int Status, string? Error);
}
