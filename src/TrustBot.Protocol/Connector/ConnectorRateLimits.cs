namespace TrustBot.Protocol.Connector;

/// <summary>The client-side pacing applied by <see cref="ConnectorRateLimiter"/>.</summary>
/// <param name="PerConversation">Windows applied to each conversation (thread) separately.</param>
/// <param name="PerApp">Windows applied to all requests of the app together.</param>
public sealed record ConnectorRateLimits(IReadOnlyList<RateLimitWindow> PerConversation, IReadOnlyList<RateLimitWindow> PerApp)
{
    /// <summary>
    /// The published Teams limits: per bot per thread 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app 50/s.
    /// </summary>
    public static ConnectorRateLimits Teams { get; } = new(
        [
            new RateLimitWindow(TimeSpan.FromSeconds(1), 7),
            new RateLimitWindow(TimeSpan.FromSeconds(2), 8),
            new RateLimitWindow(TimeSpan.FromSeconds(30), 60),
            new RateLimitWindow(TimeSpan.FromHours(1), 1800),
        ],
        [
            new RateLimitWindow(TimeSpan.FromSeconds(1), 50),
        ]);
}
