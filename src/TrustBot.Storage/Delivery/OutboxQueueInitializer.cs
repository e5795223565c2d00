using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Delivery;

/// <summary>Creates the outbox queue once at start, so that no send pays for a create call.</summary>
internal sealed class OutboxQueueInitializer(
    OutboxQueue queue,
    QueueServiceClient queueService,
    ILogger<OutboxQueueInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await queue.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.OutboxUnreachable(queueService.Uri, exception);
            throw new InvalidOperationException(
                $"Queue storage at {queueService.Uri} is unreachable or refused access: {exception.Message} " +
                "Check Storage:ConnectionString or Storage:AccountName (and the app's queue role on the account).",
                exception);
        }

        logger.OutboxReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
