using TrustBot.Benchmarks.Load;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>What one round of people writing to the bot achieved, measured from the instant the first message went out.</summary>
/// <param name="Count">People who wrote (one message each).</param>
/// <param name="Inbound">Latency of the inbound requests, until each was answered.</param>
/// <param name="Completion">Until the last person had their reply; null when some never got one.</param>
/// <param name="FirstReply">Until the first reply arrived; null when none did.</param>
/// <param name="Duplicates">Replies beyond the first in a person's chat.</param>
/// <param name="Losses">People without a reply.</param>
/// <param name="Throttled">429 answers the stand-in sent.</param>
/// <param name="DeadLetters">Sends the engine gave up.</param>
/// <param name="Storage">Table and queue requests of the host while the round ran (inbound and outbound).</param>
internal sealed record ReplyFigures(
    int Count,
    LatencyStats Inbound,
    TimeSpan? Completion,
    TimeSpan? FirstReply,
    int Duplicates,
    int Losses,
    int Throttled,
    int DeadLetters,
    StorageRequests Storage)
{
    /// <summary>The fastest every reply could be out within Teams' limit of 50 requests a second per app and tenant.</summary>
    public TimeSpan Minimum => TimeSpan.FromSeconds(Count / (double)FanOutFigures.AppLimitPerSecond);

    public double? Ratio => Completion / Minimum;
}
