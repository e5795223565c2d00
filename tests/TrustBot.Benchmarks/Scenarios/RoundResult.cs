using TrustBot.Benchmarks.Load;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// What one vote-latency round measured and found: the burst of vote invokes through the bot, the burst of the same
/// number of raw participation inserts + queue sends, the table and queue requests sent during the votes, and, after
/// them, how many people took part and how many ballots went to the pending queue.
/// </summary>
internal sealed record RoundResult(Samples Bot, Samples Raw, StorageRequests Requests, int Voters, int Participants, int BallotsQueued)
{
    /// <summary>Ballots beyond one per person who took part: a person counted twice, or a ballot sent twice.</summary>
    public int Duplicates => Math.Max(0, BallotsQueued - Participants) + Math.Max(0, Participants - Voters);

    /// <summary>Voters whose participation or ballot is missing.</summary>
    public int Missing => Math.Max(0, Voters - Math.Min(Participants, BallotsQueued));

    public bool Exact => Bot.Failures == 0 && Participants == Voters && BallotsQueued == Voters;
}
