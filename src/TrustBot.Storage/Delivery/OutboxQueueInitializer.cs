using Microsoft.Extensions.Logging;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Delivery;

/// <summary>Creates the outbox queue at start, so that no send pays for a create call.</summary>
internal sealed class OutboxQueueInitializer(
    OutboxQueue queue,
    StorageInitialization tracker,
    TimeProvider time,
    ILogger<OutboxQueueInitializer> logger) : RetryingStorageInitializer(tracker, time, logger)
{
    protected override string What => "outbox queue";

    protected override Task CreateAsync(CancellationToken cancellationToken) =>
        queue.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    protected override void LogReady() => logger.OutboxReady();
}
