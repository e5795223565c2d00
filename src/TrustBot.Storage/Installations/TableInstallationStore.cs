using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Core.Installations;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Installations;

/// <summary>
/// Installations in the Installations table (keys: see <see cref="TableKeys"/>). Every state change is a
/// read followed by a write conditional on the read ETag, so concurrent callers never overwrite each other.
/// </summary>
internal sealed class TableInstallationStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TableInstallationStore> logger) : IInstallationStore
{
    // Each conflict means another writer succeeded, so with n concurrent writers nobody needs more
    // than n attempts. Teams sends a few events per install at once; eight leaves room, and past that
    // the conflict surfaces as the storage exception.
    private const int MaxAttempts = 8;

    private readonly TableClient _table = tableService.GetTableClient(options.Value.TableName(TableNames.Installations));

    public async Task<Installation?> GetAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        var entity = await ReadAsync(tenantId, key, cancellationToken);
        return entity?.ToInstallation();
    }

    public async Task<bool> ActivateAsync(Installation installation, CancellationToken cancellationToken)
    {
        var active = installation with { Status = InstallationStatus.Active, RemovedAt = null };
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(installation.TenantId, installation.Key, cancellationToken);
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(InstallationEntity.From(active), cancellationToken);
                    logger.InstallationActivated(installation.Kind, reinstall: false);
                    return true;
                }

                if (current.IsRemoved)
                {
                    // A reinstall is a new installation (its own install time, installer and channel) that keeps the
                    // team's settings: a row still here means the grace period after removal has not run out.
                    await _table.UpdateEntityAsync(InstallationEntity.From(current.Restore(active)), current.ETag, TableUpdateMode.Replace, cancellationToken);
                    logger.InstallationActivated(installation.Kind, reinstall: true);
                    return true;
                }

                if (current.RefreshAddress(active))
                {
                    await _table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return false;
            }
            catch (RequestFailedException exception) when (IsConflict(exception) && attempt < MaxAttempts)
            {
                // Another caller added or changed the row first. Reading again tells whether that caller
                // activated it (then this one only refreshes the address and returns false) or not.
                logger.InstallationWriteConflict(attempt);
            }
        }
    }

    public async Task<bool> MarkRemovedAsync(string tenantId, string key, DateTimeOffset removedAt, CancellationToken cancellationToken)
    {
        var found = await ChangeAsync(tenantId, key, entity =>
        {
            if (entity.IsRemoved)
            {
                return false;
            }

            entity.Status = nameof(InstallationStatus.Removed);
            entity.RemovedAt = removedAt.ToUniversalTime();
            entity.UpdatedAt = removedAt.ToUniversalTime();
            return true;
        }, cancellationToken);

        if (found)
        {
            logger.InstallationRemoved();
        }

        return found;
    }

    public Task<bool> UpdateServiceUrlAsync(
        string tenantId, string key, string serviceUrl, DateTimeOffset updatedAt, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, key, entity =>
        {
            if (string.Equals(entity.ServiceUrl, serviceUrl, StringComparison.Ordinal))
            {
                return false;
            }

            entity.ServiceUrl = serviceUrl;
            entity.UpdatedAt = updatedAt.ToUniversalTime();
            return true;
        }, cancellationToken);

    public async Task<Installation?> UpdateSettingsAsync(
        string tenantId, string key, TeamSettings settings, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await ReadAsync(tenantId, key, cancellationToken);
            if (entity is null || entity.IsRemoved)
            {
                return null;
            }

            if (!entity.ApplySettings(settings, updatedAt))
            {
                return entity.ToInstallation();
            }

            try
            {
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                logger.InstallationSettingsStored();
                return entity.ToInstallation();
            }
            catch (RequestFailedException exception) when (exception.Status == 412 && attempt < MaxAttempts)
            {
                logger.InstallationWriteConflict(attempt);
            }
        }
    }

    public async IAsyncEnumerable<Installation> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Escape(tenantId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var entity in _table.QueryAsync<InstallationEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity.ToInstallation();
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored row and writes it back if the change says it altered
    /// anything, re-reading on an ETag conflict. Returns false when there is no such row.
    /// </summary>
    private async Task<bool> ChangeAsync(
        string tenantId, string key, Func<InstallationEntity, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var entity = await ReadAsync(tenantId, key, cancellationToken);
            if (entity is null)
            {
                return false;
            }

            if (!change(entity))
            {
                return true;
            }

            try
            {
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 412 && attempt < MaxAttempts)
            {
                logger.InstallationWriteConflict(attempt);
            }
        }
    }

    private async Task<InstallationEntity?> ReadAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<InstallationEntity>(
            TableKeys.Escape(tenantId), TableKeys.Escape(key), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    // 409: the row was added since it was read as absent; 412: it changed since it was read; 404: it was deleted since
    // it was read (a removed team erased by retention at the moment it is reinstalled), so it is added afresh.
    private static bool IsConflict(RequestFailedException exception) => exception.Status is 404 or 409 or 412;
}
