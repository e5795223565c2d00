namespace TrustBot.Core.Delivery;

/// <summary>Slots of a tenant's send schedule reserved for one instance: <paramref name="Count"/> instants from <paramref name="First"/>, the spacing asked for apart.</summary>
/// <param name="First">The first reserved instant.</param>
/// <param name="Count">How many slots were reserved.</param>
public sealed record SendSlots(DateTimeOffset First, int Count);
