using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Hosting;

/// <summary>Creates every table at start, so that stores never create tables on the request path.</summary>
internal sealed class TableInitializer(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    StorageInitialization tracker,
    TimeProvider time,
    ILogger<TableInitializer> logger) : RetryingStorageInitializer(tracker, time, logger)
{
    protected override string What => "tables";

    protected override async Task CreateAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await tableService.CreateTableIfNotExistsAsync(options.Value.TableName(name), cancellationToken);
        }
    }

    protected override void LogReady() => logger.TablesReady(tableService.AccountName, TableNames.All.Count);
}
