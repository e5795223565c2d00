using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Digests;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Digests;

/// <summary>Leaders' predictions in the Predictions table (keys: see <see cref="PredictionEntity"/>).</summary>
internal sealed class TablePredictionStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TablePredictionStore> logger) : IPredictionStore
{
    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Predictions));

    public async Task SaveAsync(
        string tenantId, string teamKey, string leaderUserId, int value, DateTimeOffset madeAt, bool madeBeforeResults, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(teamKey);
        ArgumentException.ThrowIfNullOrEmpty(leaderUserId);
        ArgumentOutOfRangeException.ThrowIfLessThan(value, Prediction.Min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Prediction.Max);

        // Upsert: a retried save of the same instant keeps one row.
        var entity = PredictionEntity.From(tenantId, teamKey, leaderUserId, value, madeAt, madeBeforeResults);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        logger.PredictionSaved();
    }

    public async IAsyncEnumerable<Prediction> ListAsync(
        string tenantId, string teamKey, string leaderUserId, DateTimeOffset from, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(teamKey);
        ArgumentException.ThrowIfNullOrEmpty(leaderUserId);
        if (until <= from)
        {
            yield break;
        }

        // Inverted ticks: made before `until` means a row key above until's, made at or after `from` one at or below from's.
        var partition = PredictionEntity.Partition(tenantId, teamKey);
        var after = PredictionEntity.Row(leaderUserId, until);
        var atMost = PredictionEntity.Row(leaderUserId, from);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and RowKey le {atMost}");
        await foreach (var entity in _table.QueryAsync<PredictionEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity.ToPrediction();
        }
    }
}
