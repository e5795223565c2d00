using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.SpeakUp;

/// <summary>Creates the note queues once at start, so that neither the dispatcher nor the worker creates them per message.</summary>
internal sealed class NoteQueueInitializer(
    NoteQueues queues,
    QueueServiceClient queueService,
    ILogger<NoteQueueInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var queue in queues.All)
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.NoteQueuesUnreachable(queueService.Uri, exception);
            throw new InvalidOperationException(
                $"Queue storage at {queueService.Uri} is unreachable or refused access: {exception.Message} " +
                "Check Storage:ConnectionString or Storage:AccountName (and the app's queue role on the account).",
                exception);
        }

        logger.NoteQueuesReady(queues.All.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
