using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Hosting;

/// <summary>
/// Creates every table once at start, so that stores never create tables on the request path.
/// An unreachable account stops the host with a clear message instead of failing each request later.
/// </summary>
internal sealed class TableInitializer(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<TableInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var name in TableNames.All)
            {
                await tableService.CreateTableIfNotExistsAsync(options.Value.TableName(name), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The client has already retried; whatever is left (refused connection, 403, bad key) needs a person.
            logger.StorageUnreachable(tableService.Uri, exception);
            throw new InvalidOperationException(
                $"Table storage at {tableService.Uri} is unreachable or refused access: {exception.Message} " +
                "Check Storage:ConnectionString or Storage:AccountName (and the app's role on the account); " +
                "locally, start the bot with ./tools/run.sh, which runs Azurite.",
                exception);
        }

        logger.TablesReady(tableService.Uri, TableNames.All.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
