using TrustBot.Protocol.Connector;

namespace TrustBot.Testing.Connector;

/// <summary>
/// The limits a <see cref="TeamsLimitedConnector"/> enforces on arrival. Per-thread windows are counted per
/// conversation (sends and updates share one log, creates are counted per 1:1 chat they resolve to, roster reads per
/// conversation); <see cref="PerApp"/> counts every request the stand-in receives, as one app in one tenant.
/// </summary>
/// <param name="SendPerThread">Windows for sends, replies and updates in one conversation.</param>
/// <param name="CreatePerThread">Windows for creating (or finding) one conversation.</param>
/// <param name="MembersPerThread">Windows for roster reads of one conversation.</param>
/// <param name="PerApp">Windows over all requests together.</param>
public sealed record TeamsRateLimits(
    IReadOnlyList<RateLimitWindow> SendPerThread,
    IReadOnlyList<RateLimitWindow> CreatePerThread,
    IReadOnlyList<RateLimitWindow> MembersPerThread,
    IReadOnlyList<RateLimitWindow> PerApp)
{
    /// <summary>
    /// The published Teams limits: per bot per thread, send and create 7/1 s, 8/2 s, 60/30 s, 1,800/h; get members
    /// 14/1 s, 16/2 s, 120/30 s, 3,600/h; per app per tenant 50 requests/s across all operations.
    /// </summary>
    public static TeamsRateLimits Teams { get; } = new(
        SendOrCreate(),
        SendOrCreate(),
        [
            new RateLimitWindow(TimeSpan.FromSeconds(1), 14),
            new RateLimitWindow(TimeSpan.FromSeconds(2), 16),
            new RateLimitWindow(TimeSpan.FromSeconds(30), 120),
            new RateLimitWindow(TimeSpan.FromHours(1), 3600),
        ],
        [new RateLimitWindow(TimeSpan.FromSeconds(1), 50)]);

    /// <summary>No limits at all (a plain recording Connector).</summary>
    public static TeamsRateLimits None { get; } = new([], [], [], []);

    private static RateLimitWindow[] SendOrCreate() =>
    [
        new RateLimitWindow(TimeSpan.FromSeconds(1), 7),
        new RateLimitWindow(TimeSpan.FromSeconds(2), 8),
        new RateLimitWindow(TimeSpan.FromSeconds(30), 60),
        new RateLimitWindow(TimeSpan.FromHours(1), 1800),
    ];
}
