using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.CheckIns;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.CheckIns;

/// <summary>
/// Check-ins, their participation salts and their due-to-close index, in three tables.
/// </summary>
/// <remarks>
/// <para>
/// CheckIns: PartitionKey = tenant id, RowKey = check-in id (both escaped by <see cref="TableKeys"/>); plain columns,
/// see <see cref="CheckInEntity"/>. A tenant's check-ins form one partition, so an installation's list is one
/// single-partition query.
/// </para>
/// <para>
/// CheckInSalts: the same keys, a binary <c>Salt</c> column and the check-in's <c>ClosesAt</c>. The salt lives apart
/// so that closing a check-in can destroy it by deleting a whole row: after that nobody can recompute who took part.
/// </para>
/// <para>
/// CheckInsClosing: PartitionKey = the UTC hour of ClosesAt (<c>yyyyMMddHH</c>), RowKey = tenant | check-in
/// (<see cref="CompositeKey"/>). It is the one table whose key does not start with the tenant: the closing job works
/// across tenants, and the tenant is the first part of its RowKey. A row lives while its check-in is open, so the due
/// list is one range query over every hour up to now, with no look-back limit: however long an outage lasted, the
/// check-ins that closed during it are found and their salts destroyed. A second scan over the salts' own
/// <c>ClosesAt</c> column catches a salt whose index row is missing.
/// </para>
/// <para>
/// One open check-in per installation: a marker row in the CheckIns table (see <see cref="OpenCheckInMarkerEntity"/>)
/// names it. Create writes the marker (an insert, or a replace conditional on the stale marker's ETag) and the
/// check-in row in one transaction, so two instances creating at once cannot both succeed; the loser finds the
/// winner's check-in and returns it. Close deletes the marker; a marker whose check-in closed or passed its closing
/// time is stale anyway, so a crash between the two never blocks the team for longer than the check-in lasts.
/// </para>
/// <para>
/// No step spans tables atomically, so the order of writes keeps every crash safe for the salt: create writes the
/// index row first and the check-in row last; close marks the row closed (conditional on its ETag, so one closer
/// wins), then deletes the salt, then the index row. An index row whose check-in is closed or missing therefore
/// means an interrupted close or create, and <see cref="ListDueToCloseAsync"/> finishes it by destroying the salt.
/// </para>
/// </remarks>
internal sealed class TableCheckInStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TableCheckInStore> logger) : ICheckInStore
{
    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];

    // Each conflict on close means another writer changed the row (a close, or the card's activity id).
    private const int MaxCloseAttempts = 8;

    // Each conflict on create means another instance claimed the installation's open check-in at the same moment.
    private const int MaxClaimAttempts = 4;

    private readonly TableClient _checkIns = tableService.GetTableClient(options.Value.TableName(TableNames.CheckIns));
    private readonly TableClient _salts = tableService.GetTableClient(options.Value.TableName(TableNames.CheckInSalts));
    private readonly TableClient _closing = tableService.GetTableClient(options.Value.TableName(TableNames.CheckInsClosing));

    public async Task<CheckIn?> CreateAsync(CheckIn checkIn, byte[] salt, CancellationToken cancellationToken)
    {
        Validate(checkIn, salt);
        var (marker, alreadyOpen) = await ReadOpenAsync(checkIn.TenantId, checkIn.InstallationKey, checkIn.OpensAt, cancellationToken);
        if (alreadyOpen is not null)
        {
            logger.CheckInAlreadyOpen();
            return alreadyOpen;
        }

        // Index first: if a later write fails, the due scan still finds this id and cleans up after it.
        await _closing.UpsertEntityAsync(ClosingIndexEntity.From(checkIn.TenantId, checkIn.CheckInId, checkIn.ClosesAt), TableUpdateMode.Replace, cancellationToken);

        // Add, never upsert: replacing the salt of a live check-in would let everyone vote again.
        var keys = Keys(checkIn.TenantId, checkIn.CheckInId);
        await _salts.AddEntityAsync(new CheckInSaltEntity { PartitionKey = keys.PartitionKey, RowKey = keys.RowKey, Salt = salt, ClosesAt = checkIn.ClosesAt.ToUniversalTime() }, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            // The claim and the check-in row go in one transaction: a marker never names a check-in that was not
            // written, and of two instances claiming at once only the one whose conditional write matches wins.
            var claim = OpenCheckInMarkerEntity.For(checkIn.TenantId, checkIn.InstallationKey, checkIn.CheckInId, checkIn.ClosesAt);
            TableTransactionAction[] actions =
            [
                marker is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, claim)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, claim, marker.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, CheckInEntity.From(checkIn)),
            ];
            try
            {
                await _checkIns.SubmitTransactionAsync(actions, cancellationToken);
                logger.CheckInCreated();
                return null;
            }
            catch (TableTransactionFailedException exception) when (IsLostClaim(exception) && attempt < MaxClaimAttempts)
            {
                logger.OpenCheckInClaimConflict();
            }

            (marker, alreadyOpen) = await ReadOpenAsync(checkIn.TenantId, checkIn.InstallationKey, checkIn.OpensAt, cancellationToken);
            if (alreadyOpen is not null)
            {
                // Another instance opened one first: this one was never visible, so its salt and index row go now.
                await DestroyLeftoversAsync(checkIn.TenantId, checkIn.CheckInId, checkIn.ClosesAt, cancellationToken);
                logger.CheckInAlreadyOpen();
                return alreadyOpen;
            }
        }
    }

    public async Task<CheckIn?> GetOpenAsync(string tenantId, string installationKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ReadOpenAsync(tenantId, installationKey, now, cancellationToken)).Open;

    public async Task<CheckIn?> GetAsync(string tenantId, string checkInId, CancellationToken cancellationToken) =>
        (await ReadAsync(tenantId, checkInId, cancellationToken))?.ToCheckIn();

    public async Task SetActivityIdAsync(string tenantId, string checkInId, string activityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        var keys = Keys(tenantId, checkInId);
        var patch = new TableEntity(keys.PartitionKey, keys.RowKey) { [nameof(CheckInEntity.ActivityId)] = activityId };
        try
        {
            // A merge of one column: it cannot undo a concurrent close, which replaces the row with its ETag.
            await _checkIns.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            throw new InvalidOperationException($"There is no check-in '{checkInId}' in that tenant to record the card on.", exception);
        }
    }

    public async Task<byte[]?> GetSaltAsync(string tenantId, string checkInId, CancellationToken cancellationToken)
    {
        var keys = Keys(tenantId, checkInId);
        var response = await _salts.GetEntityIfExistsAsync<CheckInSaltEntity>(keys.PartitionKey, keys.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.Salt : null;
    }

    public async Task<bool> CloseAsync(string tenantId, string checkInId, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var entity = await ReadAsync(tenantId, checkInId, cancellationToken);
            if (entity is null)
            {
                await DeleteSaltAsync(tenantId, checkInId, cancellationToken);
                return false;
            }

            if (!entity.IsOpen)
            {
                // Someone else closed it; whether or not that close got as far, the salt must not survive.
                await DestroyLeftoversAsync(entity.TenantId, entity.CheckInId, entity.ClosesAt, cancellationToken);
                return false;
            }

            entity.Status = nameof(CheckInStatus.Closed);
            entity.ClosedAt = closedAt.ToUniversalTime();
            try
            {
                await _checkIns.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 412 && attempt < MaxCloseAttempts)
            {
                // Closed by another instance, or its activity id was recorded: reading again tells which.
                logger.CheckInCloseConflict();
                continue;
            }

            await DestroyLeftoversAsync(entity.TenantId, entity.CheckInId, entity.ClosesAt, cancellationToken);
            await ReleaseOpenMarkerAsync(entity.TenantId, entity.InstallationKey, entity.CheckInId, cancellationToken);
            logger.CheckInClosed();
            return true;
        }
    }

    public async IAsyncEnumerable<CheckIn> ListDueToCloseAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = ClosingIndexEntity.DueFilter(now);
        var listed = new HashSet<(string, string)>();

        await foreach (var due in _closing.QueryAsync<ClosingIndexEntity>(filter, cancellationToken: cancellationToken))
        {
            var entity = await ReadAsync(due.TenantId, due.ItemId, cancellationToken);
            if (entity is { IsOpen: true })
            {
                if (entity.ClosesAt <= now && listed.Add((due.TenantId, due.ItemId)))
                {
                    yield return entity.ToCheckIn();
                }

                continue;
            }

            await DestroyLeftoversAsync(due.TenantId, due.ItemId, due.ClosesAt, cancellationToken);
            logger.CheckInLeftoversDestroyed();
        }

        // The caller closes each check-in before asking for the next, so by now this finds only salts the index did
        // not lead to. Rows keyed by the tenant and check-in ids: no other table needs to be read to find them.
        var saltsDue = TableClient.CreateQueryFilter($"ClosesAt le {now.ToUniversalTime()}");
        await foreach (var salt in _salts.QueryAsync<TableEntity>(saltsDue, select: KeyColumns, cancellationToken: cancellationToken))
        {
            var tenantId = TableKeys.Unescape(salt.PartitionKey);
            var checkInId = TableKeys.Unescape(salt.RowKey);
            var entity = await ReadAsync(tenantId, checkInId, cancellationToken);
            if (entity is { IsOpen: true })
            {
                // Listed above already, unless its index row is missing; a caller that does not close leaves it open.
                if (entity.ClosesAt <= now && listed.Add((tenantId, checkInId)))
                {
                    yield return entity.ToCheckIn();
                }

                continue;
            }

            // Closed, or never fully created: nothing may use this salt again.
            await DeleteIfExistsAsync(_salts, salt.PartitionKey, salt.RowKey, cancellationToken);
            logger.CheckInLeftoversDestroyed();
        }
    }

    public async IAsyncEnumerable<CheckIn> ListForInstallationAsync(
        string tenantId, string installationKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Escape(tenantId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and InstallationKey eq {installationKey}");
        var found = new List<CheckInEntity>();
        await foreach (var entity in _checkIns.QueryAsync<CheckInEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(entity);
        }

        // Row keys are random ids, so the table's order means nothing; the ordinal tie-break keeps the order stable.
        foreach (var entity in found.OrderByDescending(e => e.OpensAt).ThenBy(e => e.CheckInId, StringComparer.Ordinal))
        {
            yield return entity.ToCheckIn();
        }
    }

    /// <summary>
    /// The installation's open-check-in marker (null when there is none) and the check-in it names when that one is
    /// still open at <paramref name="now"/>; a marker without an open check-in is stale and may be taken over.
    /// </summary>
    private async Task<(OpenCheckInMarkerEntity? Marker, CheckIn? Open)> ReadOpenAsync(
        string tenantId, string installationKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(installationKey);
        var marker = await ReadMarkerAsync(tenantId, installationKey, cancellationToken);
        if (marker is null)
        {
            return (null, null);
        }

        if (marker.ClosesAt <= now)
        {
            return (marker, null);
        }

        var checkIn = (await ReadAsync(tenantId, marker.OpenCheckInId, cancellationToken))?.ToCheckIn();
        return (marker, checkIn is not null && checkIn.IsOpenAt(now) ? checkIn : null);
    }

    /// <summary>
    /// The claim (the transaction's first action) lost to another writer: the marker was added (409), changed (412)
    /// or released (404) since it was read.
    /// </summary>
    private static bool IsLostClaim(TableTransactionFailedException exception) =>
        exception.FailedTransactionActionIndex == 0 && exception.Status is 404 or 409 or 412;

    /// <summary>Deletes the marker while it still names this check-in, so that the next check-in may open at once.</summary>
    private async Task ReleaseOpenMarkerAsync(string tenantId, string installationKey, string checkInId, CancellationToken cancellationToken)
    {
        var marker = await ReadMarkerAsync(tenantId, installationKey, cancellationToken);
        if (marker is null || marker.OpenCheckInId != checkInId)
        {
            return;
        }

        try
        {
            await _checkIns.DeleteEntityAsync(marker.PartitionKey, marker.RowKey, marker.ETag, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Gone or taken over since the read: either way it no longer names this check-in.
        }
    }

    private async Task<OpenCheckInMarkerEntity?> ReadMarkerAsync(string tenantId, string installationKey, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = OpenCheckInMarkerEntity.KeysOf(tenantId, installationKey);
        var response = await _checkIns.GetEntityIfExistsAsync<OpenCheckInMarkerEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Deletes the salt, then the index row: while the salt exists, the index row is what leads back to it.</summary>
    private async Task DestroyLeftoversAsync(string tenantId, string checkInId, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        await DeleteSaltAsync(tenantId, checkInId, cancellationToken);
        var index = ClosingIndexEntity.KeysOf(tenantId, checkInId, closesAt);
        await DeleteIfExistsAsync(_closing, index.PartitionKey, index.RowKey, cancellationToken);
    }

    private Task DeleteSaltAsync(string tenantId, string checkInId, CancellationToken cancellationToken)
    {
        var keys = Keys(tenantId, checkInId);
        return DeleteIfExistsAsync(_salts, keys.PartitionKey, keys.RowKey, cancellationToken);
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Already gone: deleting is the goal, not the act.
        }
    }

    private async Task<CheckInEntity?> ReadAsync(string tenantId, string checkInId, CancellationToken cancellationToken)
    {
        var keys = Keys(tenantId, checkInId);
        var response = await _checkIns.GetEntityIfExistsAsync<CheckInEntity>(keys.PartitionKey, keys.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static (string PartitionKey, string RowKey) Keys(string tenantId, string checkInId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkInId);
        return (TableKeys.Escape(tenantId), TableKeys.Escape(checkInId));
    }

    private static void Validate(CheckIn checkIn, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(salt);
        if (salt.Length == 0)
        {
            throw new ArgumentException("A check-in needs a salt (ParticipationHasher.NewSalt).", nameof(salt));
        }

        if (checkIn.Status != CheckInStatus.Open)
        {
            throw new ArgumentException("A new check-in is open.", nameof(checkIn));
        }

        if (checkIn.StatementIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Contains(CheckInEntity.StatementSeparator, StringComparison.Ordinal)))
        {
            throw new ArgumentException("Statement ids must be non-empty and contain no comma.", nameof(checkIn));
        }
    }
}
