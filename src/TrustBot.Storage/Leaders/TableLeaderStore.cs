using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Leaders;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Leaders;

/// <summary>
/// Leaders in the Leaders table (keys: see <see cref="LeaderEntity"/>). A tenant's leaders are one partition, so
/// "which teams does this person lead" is a single-partition query.
/// </summary>
internal sealed class TableLeaderStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TableLeaderStore> logger) : ILeaderStore
{
    // The character right after the separator: the exclusive upper end of one team's RowKey range.
    private static readonly char RangeEnd = (char)(CompositeKey.Separator + 1);

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(Tables.TableNames.Leaders));

    public async Task<bool> AddAsync(Leader leader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        try
        {
            await _table.AddEntityAsync(LeaderEntity.From(leader), cancellationToken);
            logger.LeaderAdded();
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            logger.LeaderAlreadyStored();
            return false;
        }
    }

    public async Task<bool> RemoveAsync(string tenantId, string teamKey, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.DeleteEntityAsync(
                LeaderEntity.PartitionKeyFor(tenantId), LeaderEntity.RowKeyFor(teamKey, userId), ETag.All, cancellationToken);
            var removed = response.Status != 404;
            if (removed)
            {
                logger.LeaderRemoved();
            }

            return removed;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }

    public async Task<Leader?> GetAsync(string tenantId, string teamKey, string userId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<LeaderEntity>(
            LeaderEntity.PartitionKeyFor(tenantId), LeaderEntity.RowKeyFor(teamKey, userId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToLeader() : null;
    }

    public async IAsyncEnumerable<Leader> ListForTeamAsync(string tenantId, string teamKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionKey = LeaderEntity.PartitionKeyFor(tenantId);
        var from = LeaderEntity.TeamPrefix(teamKey);
        var to = from[..^1] + RangeEnd;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var entity in _table.QueryAsync<LeaderEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity.ToLeader();
        }
    }

    public async IAsyncEnumerable<Leader> ListForPersonAsync(
        string tenantId, string? userId, string? aadObjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionKey = LeaderEntity.PartitionKeyFor(tenantId);
        string filter;
        if (!string.IsNullOrEmpty(userId) && !string.IsNullOrEmpty(aadObjectId))
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and (UserId eq {userId} or AadObjectId eq {aadObjectId})");
        }
        else if (!string.IsNullOrEmpty(userId))
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and UserId eq {userId}");
        }
        else if (!string.IsNullOrEmpty(aadObjectId))
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and AadObjectId eq {aadObjectId}");
        }
        else
        {
            yield break;
        }

        await foreach (var entity in _table.QueryAsync<LeaderEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity.ToLeader();
        }
    }

    /// <summary>
    /// Replaces the row unconditionally (If-Match <c>*</c>): a <see cref="Leader"/> carries no version, so a stored ETag
    /// would only be one this store read a moment earlier, which protects nothing. The writers (chat opened, zone or
    /// Entra id refreshed, marked unreachable) each write a fact that is still true when written again, so a lost race
    /// costs at most a repeated chat open or refresh. Update never creates: a leader removed meanwhile stays removed.
    /// </summary>
    public async Task<bool> UpdateAsync(Leader leader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        try
        {
            await _table.UpdateEntityAsync(LeaderEntity.From(leader), ETag.All, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            logger.UpdateOfRemovedLeader();
            return false;
        }
    }

    /// <summary>A merge of the one column (If-Match <c>*</c>): every other field stays as the last writer left it.</summary>
    public async Task<bool> SetChatAsync(string tenantId, string teamKey, string userId, string chatConversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatConversationId);
        var chat = new TableEntity(LeaderEntity.PartitionKeyFor(tenantId), LeaderEntity.RowKeyFor(teamKey, userId))
        {
            [nameof(LeaderEntity.ChatConversationId)] = chatConversationId,
        };
        try
        {
            await _table.UpdateEntityAsync(chat, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            logger.UpdateOfRemovedLeader();
            return false;
        }
    }
}
