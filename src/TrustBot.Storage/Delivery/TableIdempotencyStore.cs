using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Delivery;

/// <summary>
/// Idempotency records in the Idempotency table (PartitionKey = <see cref="SpreadPartition"/> of the key, RowKey =
/// the escaped key). Beginning is an insert, so of two racing producers exactly one gets true; so is claiming a send
/// nobody recorded yet, so of two racing workers exactly one gets it, and a claim of a recorded send is conditional on
/// the version read.
/// </summary>
internal sealed class TableIdempotencyStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<TableIdempotencyStore> logger) : IIdempotencyStore
{
    // Each conflict means another writer changed the row; a handful of writers per key at most ever race.
    private const int MaxAttempts = 4;

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Idempotency));

    public async Task<bool> TryBeginAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            await _table.AddEntityAsync(IdempotencyEntity.For(key, IdempotencyStates.Pending, time.GetUtcNow()), cancellationToken);
            logger.IdempotencyBegun();
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            logger.IdempotencyAlreadyBegun();
            return false;
        }
    }

    public async Task<SendClaim> TryClaimAsync(string key, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var now = time.GetUtcNow();
        var claim = IdempotencyEntity.For(key, IdempotencyStates.Pending, now);
        claim.Owner = owner;
        claim.ClaimedUntil = until.ToUniversalTime();
        try
        {
            // The usual case: the first copy of a send, recorded by nobody yet; one write claims it.
            var added = await _table.AddEntityAsync(claim, cancellationToken);
            logger.IdempotencyClaimed("new");
            return SendClaim.Claimed(key, added.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Recorded before: settled, claimed by another copy's worker, begun by a producer, or given back.
        }

        var current = await ReadAsync(key, cancellationToken);
        if (current is null)
        {
            // Deleted between the insert and the read: the copy comes back later and claims it afresh.
            return SendClaim.Held(key);
        }

        if (current.IsSettled)
        {
            return SendClaim.Settled(key, current.State);
        }

        if (current.ClaimedUntil is { } held && held > now)
        {
            return SendClaim.Held(key);
        }

        try
        {
            var taken = await _table.UpdateEntityAsync(claim, current.ETag, TableUpdateMode.Replace, cancellationToken);
            logger.IdempotencyClaimed("taken over");
            return SendClaim.Claimed(key, taken.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return SendClaim.Held(key);
        }
    }

    public async Task ReleaseAsync(SendClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (!claim.IsClaimed)
        {
            return;
        }

        try
        {
            // Back to a plain pending record, only while it is still this claim.
            var released = IdempotencyEntity.For(claim.Key, IdempotencyStates.Pending, time.GetUtcNow());
            await _table.UpdateEntityAsync(released, new ETag(claim.Version!), TableUpdateMode.Replace, cancellationToken);
            logger.IdempotencyReleased();
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Settled or taken over since: nothing of this claim is left to give back.
        }
    }

    public async Task CompleteAsync(string key, string? resultId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // Unconditional: a successful send is the truth about the occurrence, whatever was recorded before.
        var done = IdempotencyEntity.For(key, IdempotencyStates.Done, time.GetUtcNow());
        done.ResultId = resultId;
        await _table.UpsertEntityAsync(done, TableUpdateMode.Replace, cancellationToken);
        logger.IdempotencyCompleted();
    }

    public async Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var entity = await ReadAsync(key, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task MarkDeadAsync(string key, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(reason);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(key, cancellationToken);
            if (current?.State == IdempotencyStates.Done)
            {
                // The effect is visible; a late failure report from a duplicate must not hide that.
                logger.IdempotencyDeadIgnored();
                return;
            }

            var dead = IdempotencyEntity.For(key, IdempotencyStates.Dead, time.GetUtcNow());
            dead.Reason = reason;
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(dead, cancellationToken);
                }
                else
                {
                    await _table.UpdateEntityAsync(dead, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                logger.IdempotencyMarkedDead();
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                logger.IdempotencyWriteConflict(attempt);
            }
        }
    }

    private async Task<IdempotencyEntity?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<IdempotencyEntity>(
            SpreadPartition.For(key), TableKeys.Escape(key), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
