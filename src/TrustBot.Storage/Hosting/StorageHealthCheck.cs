using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Hosting;

/// <summary>
/// Ready when the start-up tables and queues exist and one entity page of the Installations table can be read: that
/// proves the account answers and the credentials are accepted. Descriptions name no endpoint and carry no SDK message,
/// because those hold request URIs.
/// </summary>
internal sealed class StorageHealthCheck(StorageClientFactory clients, IOptions<StorageOptions> options, StorageInitialization initialization) : IHealthCheck
{
    private static readonly string[] KeyColumn = ["PartitionKey"];

    private readonly TableClient _table = clients.CreateProbeTableServiceClient()
        .GetTableClient(options.Value.TableName(TableNames.Installations));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        if (!initialization.IsComplete)
        {
            return new HealthCheckResult(failureStatus, "The start-up tables and queues are not created yet; creation is retried in the background.");
        }

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
            return new HealthCheckResult(failureStatus, $"Table storage did not answer ({exception.GetType().Name}).");
        }
    }
}
