namespace TrustBot.Protocol.Connector;

/// <summary>At most <paramref name="Limit"/> requests in any interval of length <paramref name="Window"/>.</summary>
/// <param name="Window">The sliding window.</param>
/// <param name="Limit">The most requests allowed within it.</param>
public sealed record RateLimitWindow(TimeSpan Window, int Limit);
