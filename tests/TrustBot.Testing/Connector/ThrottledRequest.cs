using TrustBot.Protocol.Connector;

namespace TrustBot.Testing.Connector;

/// <summary>A request a <see cref="TeamsLimitedConnector"/> answered with <c>429</c>.</summary>
/// <param name="Operation">The operation it asked for.</param>
/// <param name="ThreadKey">The conversation (or, for a create, the 1:1 chat it resolves to) it counted against; null for none.</param>
/// <param name="Window">The window that refused it for longest.</param>
/// <param name="PerApp">True when that window is an app-wide one rather than the thread's.</param>
/// <param name="Wait">The exact time until it would have been admitted.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> sent: <paramref name="Wait"/> rounded up, at least 1.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record ThrottledRequest(
    StubOperation Operation,
    string? ThreadKey,
    RateLimitWindow Window,
    bool PerApp,
    TimeSpan Wait,
    int RetryAfterSeconds,
    DateTimeOffset ReceivedAt);
