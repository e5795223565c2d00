using System.Globalization;

namespace TrustBot.Benchmarks.Load;

/// <summary>Storage requests counted by <see cref="StorageRequestCounter"/>: table reads, other table requests, queue requests.</summary>
internal readonly record struct StorageRequests(long TableReads, long TableWrites, long Queues)
{
    public static StorageRequests operator -(StorageRequests a, StorageRequests b) =>
        new(a.TableReads - b.TableReads, a.TableWrites - b.TableWrites, a.Queues - b.Queues);

    public static StorageRequests operator +(StorageRequests a, StorageRequests b) =>
        new(a.TableReads + b.TableReads, a.TableWrites + b.TableWrites, a.Queues + b.Queues);

    /// <summary>"storage requests per vote through the bot: …" for <paramref name="votes"/> votes.</summary>
    public string PerVote(long votes) => string.Create(CultureInfo.InvariantCulture,
        $"  storage requests per vote through the bot: {TableWrites / (double)votes:0.00} table writes + {TableReads / (double)votes:0.00} table reads + {Queues / (double)votes:0.00} queue (raw: 1 write + 1 queue)");
}
