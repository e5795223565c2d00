namespace TrustBot.Protocol.Connector;

/// <summary>A <see cref="RateLimitWindow"/> in <see cref="TimeProvider"/> timestamp units: at most <paramref name="Limit"/> slots in any <paramref name="Length"/>.</summary>
internal readonly record struct SlotWindow(long Length, int Limit);
