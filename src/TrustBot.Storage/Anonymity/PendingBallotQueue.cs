using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using TrustBot.Storage.Hosting;
using TrustBot.Storage.SpeakUp;

namespace TrustBot.Storage.Anonymity;

/// <summary>
/// The queue where cast ballots wait, hidden, for their fold. Named like the other queues:
/// <see cref="StorageOptions.TablePrefix"/> in lower case, then "ballots-pending".
/// </summary>
internal sealed class PendingBallotQueue(QueueServiceClient queueService, IOptions<StorageOptions> options)
{
    public const string Name = "ballots-pending";

    /// <summary>The queue service hides a message for less than seven days at most.</summary>
    public static readonly TimeSpan LongestHide = TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1);

    public QueueClient Client { get; } = queueService.GetQueueClient(NoteQueues.QueueName(options.Value.TablePrefix, Name));

    /// <summary>
    /// A hiding time the service accepts: whole seconds (it drops any fraction, which would show a ballot before its
    /// fold time, so this rounds up), never negative, never seven days or more.
    /// </summary>
    public static TimeSpan Hide(TimeSpan wanted) =>
        wanted <= TimeSpan.Zero ? TimeSpan.Zero : wanted > LongestHide ? LongestHide : TimeSpan.FromSeconds(Math.Ceiling(wanted.TotalSeconds));
}
