namespace TrustBot.Benchmarks.Scenarios;

/// <summary>What one nudge fan-out achieved, measured from the instant every nudge fell due.</summary>
/// <param name="Count">Leaders nudged (N).</param>
/// <param name="RequestsNeeded">Connector requests the fan-out cannot do without.</param>
/// <param name="Elapsed">Until the last leader had a nudge card; null when some never got one.</param>
/// <param name="FirstNudge">Until the first nudge card arrived; null when none did.</param>
/// <param name="Duplicates">Nudge cards beyond the first in a leader's chat.</param>
/// <param name="Losses">Leaders without a nudge card.</param>
/// <param name="Throttled">429 answers the stand-in sent.</param>
/// <param name="RequestsReceived">Every request the stand-in received, whatever its answer.</param>
/// <param name="DeadLetters">Sends the engine gave up.</param>
/// <param name="ThrottledAt">For the first few 429s: when (since the due time), which window refused, and for how long.</param>
internal sealed record FanOutFigures(
    int Count,
    int RequestsNeeded,
    TimeSpan? Elapsed,
    TimeSpan? FirstNudge,
    int Duplicates,
    int Losses,
    int Throttled,
    int RequestsReceived,
    int DeadLetters,
    IReadOnlyList<string> ThrottledAt)
{
    /// <summary>Teams admits 50 requests a second per app per tenant, whatever the operation.</summary>
    public const int AppLimitPerSecond = 50;

    /// <summary>The fastest the fan-out could finish within Teams' app limit.</summary>
    public TimeSpan Minimum => TimeSpan.FromSeconds(RequestsNeeded / (double)AppLimitPerSecond);

    public double? Ratio => Elapsed / Minimum;
}
