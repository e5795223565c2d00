namespace TrustBot.Core.Retention;

/// <summary>How long data is kept (section <c>Retention</c>); checked at start by <see cref="RetentionOptionsValidator"/>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Speak-up notes stored longer ago than this are deleted; check-in results and other aggregates stay.</summary>
    public TimeSpan NotesMaxAge { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// How long a team's data outlives the removal of the app from the team. Reinstalling within this period restores
    /// the team with its settings and history; after it, everything the team left behind is erased.
    /// </summary>
    public TimeSpan RemovedTeamGracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a lease row is kept after it expired. An expired lease is already free to take; the margin only keeps
    /// the row of a holder whose clock runs a little behind from vanishing under it.
    /// </summary>
    public TimeSpan ExpiredLeaseMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Idempotency records not updated for longer than this are deleted. It must outlive every redelivery of the
    /// send it guards (a queued send, delay included, lives at most 8 days), or a late copy would be sent twice.
    /// </summary>
    public TimeSpan IdempotencyMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Dead letters (sends given up, with their key and reason) recorded longer ago than this are deleted.</summary>
    public TimeSpan DeadLettersMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Per-team-per-day counters of check-ins and speak-ups started by hand are deleted once their UTC day ended longer
    /// ago than this. Only today's counter is ever read; each names a tenant and a team, so it goes soon after.
    /// </summary>
    public TimeSpan LaunchCountsMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention sweep runs (on one host instance per interval, however many there are).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
