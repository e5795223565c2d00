using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using TrustBot.Benchmarks.Scenarios;

namespace TrustBot.Benchmarks.Memory;

/// <summary>
/// Adds TrustBot to new teams the way Teams does: per team a signed <c>installationUpdate</c> (add) and the
/// <c>conversationUpdate</c> that lists the bot among the members added, from the member who added it, all teams in
/// one tenant (a single-tenant bot's whole install base). Teams are installed <c>concurrency</c> at a time.
/// </summary>
internal sealed class TeamInstaller(BenchmarkEnvironment environment, HttpClient client, Uri hostAddress, int concurrency)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly string _tenantId = Guid.NewGuid().ToString();
    private readonly string _token = environment.Issuer.CreateToken(BenchmarkEnvironment.AppId, environment.Connector.ServiceUrl);

    /// <summary>Installs <paramref name="count"/> new teams; returns the time it took and the installs that failed.</summary>
    public async Task<(TimeSpan Elapsed, int Failed)> InstallAsync(int count, CancellationToken cancellationToken)
    {
        var failed = 0;
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (_, token) =>
        {
            if (!await InstallOneAsync(token))
            {
                Interlocked.Increment(ref failed);
            }
        });
        return (stopwatch.Elapsed, failed);
    }

    private async Task<bool> InstallOneAsync(CancellationToken cancellationToken)
    {
        var team = new BotActivities(environment, client, hostAddress, _token, _tenantId);
        var installer = Guid.NewGuid().ToString();
        JsonObject[] activities =
        [
            team.Activity("installationUpdate", installer, a => a["action"] = "add"),
            team.Activity("conversationUpdate", installer, a =>
            {
                a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + BenchmarkEnvironment.AppId });
                a["channelData"]!["eventType"] = "teamMemberAdded";
            }),
        ];
        foreach (var activity in activities)
        {
            // A 503 asks for the activity again, as Teams would send it.
            if (!await PostAsync(team, activity, cancellationToken) && !await RetryAsync(team, activity, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> RetryAsync(BotActivities team, JsonObject activity, CancellationToken cancellationToken)
    {
        await Task.Delay(RetryDelay, TimeProvider.System, cancellationToken);
        return await PostAsync(team, activity, cancellationToken);
    }

    private static async Task<bool> PostAsync(BotActivities team, JsonObject activity, CancellationToken cancellationToken)
    {
        using var response = await team.PostAsync(activity, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
