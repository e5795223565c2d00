using TrustBot.Testing.Connector;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>A stand-in's running totals at one moment, so a measurement counts only what happened after it.</summary>
internal readonly record struct ConnectorCounts(int Delivered, int Throttled, int Requests)
{
    public static ConnectorCounts Of(TeamsLimitedConnector connector) =>
        new(connector.DeliveredCount, connector.ThrottledCount, connector.RequestCount);
}
