namespace TrustBot.Protocol.Connector;

/// <summary>Slots of a tenant's shared send schedule granted to this instance: <paramref name="Count"/> instants, the spacing asked for apart.</summary>
/// <param name="First">The first granted instant.</param>
/// <param name="Count">How many slots were granted.</param>
public readonly record struct ConnectorSendGrant(DateTimeOffset First, int Count);
