using Microsoft.Extensions.Logging;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.SpeakUp;

/// <summary>Creates the note queues at start, so that neither the dispatcher nor the worker creates them per message.</summary>
internal sealed class NoteQueueInitializer(
    NoteQueues queues,
    StorageInitialization tracker,
    TimeProvider time,
    ILogger<NoteQueueInitializer> logger) : RetryingStorageInitializer(tracker, time, logger)
{
    protected override string What => "note queues";

    protected override async Task CreateAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in queues.All)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    protected override void LogReady() => logger.NoteQueuesReady(queues.All.Count);
}
