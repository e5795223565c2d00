using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// The storage work of one vote, issued directly with the Azure SDKs: one Add of a keys-only participation row
/// <c>p-{hash}</c> in the Ballots table (partition tenant|box), then one SendMessage of a ballot-shaped body, hidden
/// until the next fold time. Nothing is read first and no counter is touched, just as a vote now does.
/// </summary>
/// <remarks>
/// The rows and messages go to a table and a queue of their own, beside the host's: the host's folds never meet them,
/// and the bot's reads of its own box do not pay for them (Azurite answers a partition query by scanning the whole
/// table, where Azure Table Storage reads the partition alone). The calls, the row, the message size and its hiding
/// time are those of a real vote.
/// </remarks>
internal sealed class RawVoteWork(TableClient table, QueueClient queue, string tenantId, IReadOnlyList<string> statementIds, TimeSpan foldInterval)
{
    // A ballot outlives its box by a day; the benchmark's box "closes" a week out. Only the number sent matters.
    private static readonly TimeSpan TimeToLive = TimeSpan.FromDays(8);

    private readonly string _box = "raw" + Guid.NewGuid().ToString("N");
    private readonly DateTimeOffset _closesAt = DateTimeOffset.UtcNow.AddDays(7);

    /// <summary>The raw work for a box like a check-in whose card has <paramref name="inputs"/> (its answer input ids).</summary>
    public static async Task<RawVoteWork> CreateAsync(
        BenchmarkEnvironment environment, string tenantId, IReadOnlyList<string> inputs, TimeSpan foldInterval, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(environment.Azurite.ConnectionString).GetTableClient(environment.TablePrefix + "BallotsRaw");
        var queue = new QueueServiceClient(environment.Azurite.ConnectionString).GetQueueClient(environment.TablePrefix.ToLowerInvariant() + "ballots-raw");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var statementIds = inputs.Select(i => CardData.TryGetStatementId(i, out var id) ? id : i).ToList();
        return new RawVoteWork(table, queue, tenantId, statementIds, foldInterval);
    }

    /// <summary>One vote's storage work; false (a failure in the figures) when storage refused either call.</summary>
    public async Task<bool> CastAsync(CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        try
        {
            await table.AddEntityAsync(new TableEntity(tenantId + "|" + _box, "p-" + hash), cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var hidden = TimeSpan.FromSeconds(Math.Ceiling((FoldClock.FoldableAt(now, foldInterval, _closesAt) - now).TotalSeconds));
            await queue.SendMessageAsync(Body(), hidden, TimeToLive, cancellationToken);
            return true;
        }
        catch (RequestFailedException)
        {
            return false;
        }
    }

    /// <summary>The same fields as a pending ballot (camel case, as the host writes them), with random answers.</summary>
    private string Body()
    {
        var answers = new JsonObject();
        foreach (var statementId in statementIds)
        {
            answers[statementId] = RandomNumberGenerator.GetInt32(1, 8);
        }

        return new JsonObject
        {
            ["ballotId"] = Guid.NewGuid().ToString("N"),
            ["tenantId"] = tenantId,
            ["ballotBoxId"] = _box,
            ["minGroup"] = 5,
            ["closesAt"] = _closesAt,
            ["answers"] = answers,
        }.ToJsonString();
    }
}
