using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Hosting;

/// <summary>
/// Ready when one entity page of the Installations table can be read: that proves the account answers,
/// the credentials are accepted and the tables exist.
/// </summary>
internal sealed class StorageHealthCheck(StorageClientFactory clients, IOptions<StorageOptions> options) : IHealthCheck
{
    private static readonly string[] KeyColumn = ["PartitionKey"];

    private readonly TableClient _table = clients.CreateProbeTableServiceClient()
        .GetTableClient(options.Value.TableName(TableNames.Installations));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            var pages = _table.QueryAsync<TableEntity>(maxPerPage: 1, select: KeyColumn, cancellationToken: cancellationToken).AsPages();
            await foreach (var _ in pages)
            {
                break;
            }

            return HealthCheckResult.Healthy("Table storage answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(
                context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                $"Table storage at {_table.Uri} did not answer: {exception.Message}",
                exception);
        }
    }
}
