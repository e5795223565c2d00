using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using TrustBot.Benchmarks.Load;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// End-to-end authenticated votes per second through the bot (HTTP, JWT, check-in lookup, participation hash, the
/// atomic ballot transaction, the tally and the card) beside the raw rate of the same ballot transaction issued
/// directly with Azure.Data.Tables against the same Azurite, in one run. Target: ratio ≥ 0.8.
/// </summary>
internal sealed class VotesThroughputScenario : IBenchmarkScenario
{
    private const double Target = 0.8;

    public string Name => "votes";

    public string Description => "authenticated votes through the bot vs the raw ballot transaction";

    public async Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency * 2 });
        var team = new BotActivities(environment, client);
        var (checkInId, inputs) = await team.StartCheckInAsync(cancellationToken);
        var table = new TableServiceClient(environment.Azurite.ConnectionString).GetTableClient(environment.TablePrefix + "Ballots");

        Func<CancellationToken, Task<bool>> BotVote() => async ct =>
        {
            var data = new JsonObject { ["checkInId"] = checkInId };
            foreach (var input in inputs)
            {
                data[input] = RandomNumberGenerator.GetInt32(1, 8).ToString(CultureInfo.InvariantCulture);
            }

            var invoke = team.Activity("invoke", Guid.NewGuid().ToString(), a =>
            {
                a["name"] = "adaptiveCard/action";
                a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "checkin.vote", ["data"] = data } };
            });
            using var response = await team.PostAsync(invoke, ct);
            return response.StatusCode == HttpStatusCode.OK;
        };

        var rawBox = "raw" + Guid.NewGuid().ToString("N");
        Func<CancellationToken, Task<bool>> RawVote() => ct => RawBallotTransactionAsync(table, team.TenantId, rawBox, inputs.Count, ct);

        Console.WriteLine($"  {inputs.Count} statements per vote; warm-up {settings.Warmup.TotalSeconds:0}s each, then {settings.Duration.TotalSeconds:0}s each at concurrency {settings.Concurrency}");
        await LoadGenerator.RunAsync(RawVote(), settings.Concurrency, settings.Warmup, cancellationToken);
        await LoadGenerator.RunAsync(BotVote(), settings.Concurrency, settings.Warmup, cancellationToken);
        var raw = await LoadGenerator.RunAsync(RawVote(), settings.Concurrency, settings.Duration, cancellationToken);
        var bot = await LoadGenerator.RunAsync(BotVote(), settings.Concurrency, settings.Duration, cancellationToken);

        var ratio = bot.RequestsPerSecond / raw.RequestsPerSecond;
        Report.Line("raw transaction", raw);
        Report.Line("vote via bot", bot);
        var met = ratio >= Target && bot.Failures == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio bot ÷ raw = {ratio:0.00} (target ≥ {Target:0.0}): {(met ? "MET" : "NOT MET")}"));
        return met;
    }

    /// <summary>
    /// The ballot box's write, issued by hand: read the voter's shard (its participation row and counters), then one
    /// transaction adding the participation row and replacing (or adding) the counters, retried on a conflict.
    /// </summary>
    private static async Task<bool> RawBallotTransactionAsync(TableClient table, string tenantId, string box, int statements, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var partition = $"{tenantId}|{box}|{Convert.ToInt32(hash[..1], 16):00}";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ((RowKey ge {"c-"} and RowKey lt {"c."}) or RowKey eq {"p-" + hash})");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                rows[row.RowKey] = row;
            }

            if (rows.ContainsKey("p-" + hash))
            {
                return false;
            }

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, new TableEntity(partition, "p-" + hash)) };
            actions.Add(Increment(rows, partition, "c-_replies", "Count"));
            for (var s = 0; s < statements; s++)
            {
                actions.Add(Increment(rows, partition, $"c-statement{s}", "A" + RandomNumberGenerator.GetInt32(1, 8).ToString(CultureInfo.InvariantCulture)));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                await Task.Delay(RandomNumberGenerator.GetInt32(1, 5 + attempt * 5), cancellationToken);
            }
        }

        return false;
    }

    private static TableTransactionAction Increment(Dictionary<string, TableEntity> rows, string partition, string rowKey, string column)
    {
        if (rows.TryGetValue(rowKey, out var existing))
        {
            existing[column] = (existing.GetInt32(column) ?? 0) + 1;
            return new TableTransactionAction(TableTransactionActionType.UpdateReplace, existing, existing.ETag);
        }

        return new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, rowKey) { [column] = 1 });
    }
}
