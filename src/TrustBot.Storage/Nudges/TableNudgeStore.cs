using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Nudges;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Nudges;

/// <summary>
/// Leaders' nudges in the Nudges table (keys: see <see cref="NudgeEntity"/>). A leader gets one or two nudges a week,
/// so finding one by id within the leader's range, and listing half a year of it, stay small single-partition queries.
/// </summary>
internal sealed class TableNudgeStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TableNudgeStore> logger) : INudgeStore
{
    // Only the leader's own button presses race here; a few attempts settle them.
    private const int MaxAttempts = 4;

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Nudges));

    public async Task SaveAsync(NudgeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _table.UpsertEntityAsync(NudgeEntity.From(record), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<NudgeRecord?> GetAsync(
        string tenantId, string teamKey, string leaderUserId, string nudgeId, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(tenantId, teamKey, leaderUserId, nudgeId, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<IReadOnlyList<NudgeRecord>> ListForLeaderAsync(
        string tenantId, string teamKey, string leaderUserId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Escape(tenantId);
        var prefix = NudgeEntity.LeaderPrefix(teamKey, leaderUserId);
        var end = NudgeEntity.PrefixEnd(prefix);
        // Rows sent at or after `since` have inverted ticks at most since's: they sort before this bound.
        var recentEnd = prefix + NudgeEntity.InvertedTicks(since - TimeSpan.FromTicks(1));
        var notForMe = nameof(NudgeResponse.NotForMe);

        // One query over the leader's range: its recent rows, and older ones only when they say Not for me. Two queries
        // (recent, then older refusals) would cost every planned nudge a second round trip for rows that are rarely there.
        var records = new List<NudgeRecord>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey gt {prefix} and RowKey lt {end} and (RowKey lt {recentEnd} or Response eq {notForMe})");
        await foreach (var entity in _table.QueryAsync<NudgeEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(entity.ToRecord());
        }

        return records.OrderByDescending(r => r.SentAt).ToList();
    }

    public async Task<bool> SetResponseAsync(
        string tenantId,
        string teamKey,
        string leaderUserId,
        string nudgeId,
        NudgeResponse response,
        DateTimeOffset respondedAt,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var entity = await FindAsync(tenantId, teamKey, leaderUserId, nudgeId, cancellationToken);
            if (entity is null)
            {
                return false;
            }

            entity.Response = response.ToString();
            entity.RespondedAt = respondedAt.ToUniversalTime();
            try
            {
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                logger.ResponseStored(entity.Response);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 412 && attempt < MaxAttempts)
            {
                logger.ResponseWriteConflict();
            }
        }
    }

    private async Task<NudgeEntity?> FindAsync(
        string tenantId, string teamKey, string leaderUserId, string nudgeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(teamKey);
        ArgumentException.ThrowIfNullOrEmpty(leaderUserId);
        if (string.IsNullOrEmpty(nudgeId))
        {
            return null;
        }

        var partitionKey = TableKeys.Escape(tenantId);
        var prefix = NudgeEntity.LeaderPrefix(teamKey, leaderUserId);
        var end = NudgeEntity.PrefixEnd(prefix);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey gt {prefix} and RowKey lt {end} and NudgeId eq {nudgeId}");
        await foreach (var entity in _table.QueryAsync<NudgeEntity>(filter, cancellationToken: cancellationToken))
        {
            return entity;
        }

        return null;
    }
}
