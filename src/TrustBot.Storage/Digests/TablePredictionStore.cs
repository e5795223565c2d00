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

    public async Task SaveAsync(string tenantId, string teamKey, string leaderUserId, int value, DateTimeOffset madeAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(teamKey);
        ArgumentException.ThrowIfNullOrEmpty(leaderUserId);
        ArgumentOutOfRangeException.ThrowIfLessThan(value, Prediction.Min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Prediction.Max);

        // Upsert: a retried save of the same instant keeps one row.
        await _table.UpsertEntityAsync(PredictionEntity.From(tenantId, teamKey, leaderUserId, value, madeAt), TableUpdateMode.Replace, cancellationToken);
        logger.PredictionSaved();
    }

    public async Task<Prediction?> GetLatestAsync(
        string tenantId, string teamKey, string leaderUserId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(teamKey);
        ArgumentException.ThrowIfNullOrEmpty(leaderUserId);
        if (until <= from)
        {
            return null;
        }

        // Inverted ticks: made before `until` means a row key above until's, made at or after `from` one at or below from's.
        var partition = PredictionEntity.Partition(tenantId, teamKey);
        var after = PredictionEntity.Row(leaderUserId, until);
        var atMost = PredictionEntity.Row(leaderUserId, from);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and RowKey le {atMost}");
        await foreach (var entity in _table.QueryAsync<PredictionEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return entity.ToPrediction();
        }

        return null;
    }
}
