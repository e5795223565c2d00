namespace TrustBot.Protocol.Connector;

/// <summary>The client-side pacing applied by <see cref="ConnectorRateLimiter"/>.</summary>
/// <param name="PerConversation">Windows applied to each conversation (thread) separately.</param>
/// <param name="PerApp">Windows applied to all requests of the app together.</param>
public sealed record ConnectorRateLimits(IReadOnlyList<RateLimitWindow> PerConversation, IReadOnlyList<RateLimitWindow> PerApp)
{
    // Teams counts requests when they arrive, the limiter when it lets them go; a burst's arrivals spread over tens of
    // milliseconds, so pacing at exactly the published edges earns 429s for the next burst.
    private static readonly TimeSpan ArrivalMargin = TimeSpan.FromMilliseconds(50);

    // The app-wide windows bind a fan-out, so their margin is its throughput: 50 ms cost 5% (47.6 requests/s), more
    // than a 500-nudge fan-out's whole budget over the 20 s minimum. Paced in bursts of at most 5, arrivals spread far
    // less than the 50 ms the per-conversation windows keep; 20 ms costs 2%.
    private static readonly TimeSpan AppArrivalMargin = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The published Teams limits, exactly: per bot per thread 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app 50/s.
    /// </summary>
    public static ConnectorRateLimits Published { get; } = new(
        [
            new RateLimitWindow(TimeSpan.FromSeconds(1), 7),
            new RateLimitWindow(TimeSpan.FromSeconds(2), 8),
            new RateLimitWindow(TimeSpan.FromSeconds(30), 60),
            new RateLimitWindow(TimeSpan.FromHours(1), 1800),
        ],
        [
            new RateLimitWindow(TimeSpan.FromSeconds(1), 50),
        ]);

    /// <summary>
    /// What the client paces by (the default): <see cref="Published"/> with every per-conversation window 50 ms longer
    /// and every app-wide one 20 ms longer, and at most 5 requests per 102 ms app-wide, so bursts stay small and arrival
    /// jitter does not push a request over a window edge. Costs about 2% of the published throughput (49 requests/s).
    /// </summary>
    public static ConnectorRateLimits Teams { get; } = new(
        [.. Published.PerConversation.Select(w => WithMargin(w, ArrivalMargin))],
        [
            .. Published.PerApp.Select(w => WithMargin(w, AppArrivalMargin)),
            // A tenth of the 1 s window with a tenth of its margin: no slower than that window.
            new RateLimitWindow(TimeSpan.FromMilliseconds(102), 5),
        ])
    {
        // Half the margin: what is left between a request going out and Teams counting it. A host that keeps time
        // never comes near it (reserved instants are 20 ms inside), one that stalled is held to it.
        PerAppAsSent = [.. Published.PerApp.Select(w => WithMargin(w, AppArrivalMargin / 2))],
    };

    /// <summary>
    /// Windows applied to all requests of the app together, on the instants they really went out rather than the
    /// instants reserved for them (see <see cref="ConnectorArrivalGuard"/>); none by default.
    /// </summary>
    public IReadOnlyList<RateLimitWindow> PerAppAsSent { get; init; } = [];

    private static RateLimitWindow WithMargin(RateLimitWindow window, TimeSpan margin) => window with { Window = window.Window + margin };
}
