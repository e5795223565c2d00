using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.SpeakUp;

namespace TrustBot.Storage.Delivery;

/// <summary>The outbox queue, named like the note queues: <see cref="StorageOptions.TablePrefix"/> in lower case, then "outbox".</summary>
internal sealed class OutboxQueue(QueueServiceClient queueService, IOptions<StorageOptions> options)
{
    public const string Name = "outbox";

    public QueueClient Client { get; } = queueService.GetQueueClient(NoteQueues.QueueName(options.Value.TablePrefix, Name));
}
