using System.Buffers;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Delivery;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Delivery;

/// <summary>
/// Leases in the Leases table (PartitionKey = <see cref="SpreadPartition"/> of the resource, RowKey = the escaped
/// resource). Every write is conditional: an insert fails when the row exists, a replace when the row changed since
/// it was read, so of several instances racing for one resource exactly one write succeeds.
/// </summary>
internal sealed class TableLeaseStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<TableLeaseStore> logger) : ILeaseStore
{
    private static readonly SearchValues<char> KindCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz-");

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Leases));

    public async Task<Lease?> TryAcquireAsync(string resource, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        var now = time.GetUtcNow();
        var current = await ReadAsync(resource, cancellationToken);
        if (current is not null && current.ExpiresAt > now)
        {
            return null;
        }

        var claim = NewEntity(resource, owner, now + duration);
        try
        {
            var response = current is null
                ? await _table.AddEntityAsync(claim, cancellationToken)
                : await _table.UpdateEntityAsync(claim, current.ETag, TableUpdateMode.Replace, cancellationToken);
            LogDebug(DeliveryStorageLog.LeaseAcquired, resource);
            return new Lease(resource, owner, claim.ExpiresAt, response.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException exception) when (IsLost(exception))
        {
            LogDebug(DeliveryStorageLog.LeaseContended, resource);
            return null;
        }
    }

    public async Task<bool> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        var claim = NewEntity(lease.Resource, lease.Owner, time.GetUtcNow() + duration);
        var renewed = await WriteWhileOwnedAsync(
            lease,
            etag => _table.UpdateEntityAsync(claim, etag, TableUpdateMode.Replace, cancellationToken),
            cancellationToken);
        if (renewed)
        {
            LogDebug(DeliveryStorageLog.LeaseRenewed, lease.Resource);
        }
        else
        {
            LogDebug(DeliveryStorageLog.LeaseLost, lease.Resource);
        }

        return renewed;
    }

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var (partitionKey, rowKey) = Keys(lease.Resource);
        var released = await WriteWhileOwnedAsync(
            lease,
            etag => _table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken),
            cancellationToken);
        if (released)
        {
            LogDebug(DeliveryStorageLog.LeaseReleased, lease.Resource);
        }
    }

    /// <summary>
    /// Reads the row and writes conditional on the version just read, but only while it names the lease's owner. The
    /// lease's own <see cref="Lease.Version"/> is not enough: a renewal changes it without changing the owner, and a
    /// version alone does not prove who wrote it. A takeover changes the owner, and a takeover between the read and
    /// the write changes the version, so neither is ever overwritten.
    /// </summary>
    private async Task<bool> WriteWhileOwnedAsync(Lease lease, Func<ETag, Task<Response>> write, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(lease.Resource, cancellationToken);
        if (current is null || !string.Equals(current.Owner, lease.Owner, StringComparison.Ordinal))
        {
            return false;
        }

        if (current.ETag.ToString() != lease.Version)
        {
            LogDebug(DeliveryStorageLog.LeaseVersionStale, lease.Resource);
        }

        try
        {
            await write(current.ETag);
            return true;
        }
        catch (RequestFailedException exception) when (IsLost(exception) || exception.Status == 404)
        {
            return false;
        }
    }

    private async Task<LeaseEntity?> ReadAsync(string resource, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(resource);
        var response = await _table.GetEntityIfExistsAsync<LeaseEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static LeaseEntity NewEntity(string resource, string owner, DateTimeOffset expiresAt)
    {
        var (partitionKey, rowKey) = Keys(resource);
        return new LeaseEntity { PartitionKey = partitionKey, RowKey = rowKey, Owner = owner, ExpiresAt = expiresAt.ToUniversalTime() };
    }

    private static (string PartitionKey, string RowKey) Keys(string resource) =>
        (SpreadPartition.For(resource), TableKeys.Escape(resource));

    /// <summary>Writes a Debug lease line, naming the lease's kind only, and works the kind out only if it is written.</summary>
    private void LogDebug(Action<ILogger, string> line, string resource)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            line(logger, KindOf(resource));
        }
    }

    /// <summary>
    /// What the lease guards, for logs: the resource's lower-case prefix before its first colon ("occurrence", "send",
    /// "retention"). The rest names tenants, teams and users, and a resource without such a prefix may be a key whole.
    /// </summary>
    private static string KindOf(string resource)
    {
        var colon = resource.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !resource.AsSpan(0, colon).ContainsAnyExcept(KindCharacters) ? resource[..colon] : "unnamed";
    }

    // 409: another instance inserted first; 412: the row changed since it was read.
    private static bool IsLost(RequestFailedException exception) => exception.Status is 409 or 412;
}
