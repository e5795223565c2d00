using TrustBot.Core.Delivery;

namespace TrustBot.Core.Scheduling;

/// <summary>What one due occurrence produced.</summary>
/// <param name="Sends">The sends to queue; their idempotency keys should start with the occurrence key.</param>
/// <param name="NextDueAt">When the job is next due; null removes it from the timetable (one-off, or the team is gone).</param>
public sealed record JobRun(IReadOnlyList<OutboundSend> Sends, DateTimeOffset? NextDueAt);
