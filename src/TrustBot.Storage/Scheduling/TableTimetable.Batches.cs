using Azure;
using Azure.Data.Tables;
using TrustBot.Core.Scheduling;

namespace TrustBot.Storage.Scheduling;

// Claims and advances of many entries. A tenant's entries share a partition, so up to a hundred of them go in one entity
// group transaction: a fan-out of one tenant's nudges costs a write per hundred occurrences instead of one per
// occurrence. A transaction is all or nothing, so an entry that changed since it was read fails its whole batch; the
// failed entry is dropped and the rest tried again, a bounded number of times.
internal sealed partial class TableTimetable
{
    // The most operations an entity group transaction may hold.
    private const int MaxBatch = 100;

    // A claim batch that fails twice is being claimed by another instance: what it leaves is listed again next tick.
    private const int MaxClaimAttempts = 2;

    // An advance fails only for an entry replanned or taken over meanwhile; past a few, each goes on its own.
    private const int MaxAdvanceAttempts = 3;

    public async Task<IReadOnlyList<TimetableEntry>> ClaimDueAsync(
        DateTimeOffset now, int max, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var due = await QueryDueAsync(now, cancellationToken);
        var free = Earliest(due.Where(e => !e.IsClaimedAt(now)).ToList(), max);
        var claimed = new List<TimetableEntry>(free.Count);
        foreach (var batch in free.GroupBy(e => e.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxBatch)))
        {
            claimed.AddRange(await ClaimBatchAsync([.. batch], owner, until.ToUniversalTime(), cancellationToken));
        }

        if (free.Count > 0)
        {
            logger.EntriesClaimed(claimed.Count, free.Count);
        }

        return claimed.OrderBy(e => e.DueAt).ToList();
    }

    public async Task<int> TryAdvanceAllAsync(IReadOnlyList<TimetableAdvance> advances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(advances);
        if (advances.Any(a => a.Entry.Version is null))
        {
            throw new ArgumentException("Only entries read from the timetable can be advanced.", nameof(advances));
        }

        var moved = 0;
        foreach (var batch in advances.GroupBy(a => TableKeysOf(a.Entry).PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxBatch)))
        {
            moved += await AdvanceBatchAsync([.. batch], cancellationToken);
        }

        return moved;
    }

    private async Task<List<TimetableEntry>> ClaimBatchAsync(
        List<TimetableEntity> batch, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            try
            {
                if (batch.Count == 1)
                {
                    var single = await _table.UpdateEntityAsync(Claim(batch[0], owner, until), batch[0].ETag, TableUpdateMode.Merge, cancellationToken);
                    return [Claimed(batch[0], single)];
                }

                var actions = batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, Claim(e, owner, until), e.ETag));
                var responses = await _table.SubmitTransactionAsync(actions, cancellationToken);
                return batch.Select((e, i) => Claimed(e, responses.Value[i])).ToList();
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412 && batch.Count == 1)
            {
                logger.ClaimLost(1);
                return [];
            }
            catch (TableTransactionFailedException exception)
                when (exception.Status is 404 or 412 && exception.FailedTransactionActionIndex is { } failed && attempt < MaxClaimAttempts)
            {
                // Another instance claimed (or someone replanned) that one since the listing; the others may still be free.
                batch.RemoveAt(failed);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 412)
            {
                logger.ClaimLost(batch.Count);
                return [];
            }
        }

        return [];
    }

    private async Task<int> AdvanceBatchAsync(List<TimetableAdvance> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; batch.Count > 1 && attempt <= MaxAdvanceAttempts; attempt++)
        {
            try
            {
                await _table.SubmitTransactionAsync(batch.Select(Advance), cancellationToken);
                logger.EntriesAdvanced(batch.Count);
                return batch.Count;
            }
            catch (TableTransactionFailedException exception)
                when (exception.Status is 404 or 412 && exception.FailedTransactionActionIndex is { } failed)
            {
                logger.EntryAdvanceLost(batch[failed].Entry.Kind);
                batch.RemoveAt(failed);
            }
        }

        // One left, or several that kept failing: each on its own, so that one changed entry holds none of the others.
        var moved = 0;
        foreach (var advance in batch)
        {
            moved += await TryAdvanceAsync(advance.Entry, advance.NextDueAt, cancellationToken) ? 1 : 0;
        }

        return moved;
    }

    private static TableTransactionAction Advance(TimetableAdvance advance)
    {
        var version = new ETag(advance.Entry.Version!);
        if (advance.NextDueAt is { } next)
        {
            return new TableTransactionAction(
                TableTransactionActionType.UpdateReplace, TimetableEntity.From(advance.Entry with { DueAt = next }), version);
        }

        var (partitionKey, rowKey) = TableKeysOf(advance.Entry);
        return new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), version);
    }

    // A merge of the two claim columns only: the entry itself stays as listed.
    private static TableEntity Claim(TimetableEntity entity, string owner, DateTimeOffset until) =>
        new(entity.PartitionKey, entity.RowKey)
        {
            [nameof(TimetableEntity.ClaimedBy)] = owner,
            [nameof(TimetableEntity.ClaimedUntil)] = until,
        };

    private static TimetableEntry Claimed(TimetableEntity entity, Response response) =>
        entity.ToEntry() with { Version = response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("A claim write returned no ETag.") };

    private static (string PartitionKey, string RowKey) TableKeysOf(TimetableEntry entry) =>
        TimetableEntity.KeysOf(entry.TenantId, entry.InstallationKey, entry.Job);
}
