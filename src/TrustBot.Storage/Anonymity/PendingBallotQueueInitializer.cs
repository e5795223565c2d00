using Microsoft.Extensions.Logging;
using TrustBot.Storage.Hosting;

namespace TrustBot.Storage.Anonymity;

/// <summary>Creates the pending-ballot queue at start, so that no vote pays for a create call.</summary>
internal sealed class PendingBallotQueueInitializer(
    PendingBallotQueue queue,
    StorageInitialization tracker,
    TimeProvider time,
    ILogger<PendingBallotQueueInitializer> logger) : RetryingStorageInitializer(tracker, time, logger)
{
    protected override string What => "pending-ballot queue";

    protected override Task CreateAsync(CancellationToken cancellationToken) =>
        queue.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    protected override void LogReady() => logger.PendingBallotQueueReady();
}
