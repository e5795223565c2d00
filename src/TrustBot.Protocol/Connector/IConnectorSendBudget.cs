namespace TrustBot.Protocol.Connector;

/// <summary>
/// One tenant's app-wide send schedule, shared by every instance of the bot (the host keeps it in storage). Teams
/// counts the app limit per tenant over all instances together, which no instance can see alone; so
/// <see cref="ConnectorRateLimiter"/> asks this for a few consecutive slots of the tenant's schedule at a time and sends
/// only in slots it was granted. Each slot is granted once, to one instance.
/// </summary>
public interface IConnectorSendBudget
{
    /// <summary>
    /// Reserves up to <paramref name="count"/> consecutive slots of <paramref name="tenantId"/>'s schedule,
    /// <paramref name="spacing"/> apart, the first at <paramref name="notBefore"/> or when the slots granted before end,
    /// whichever is later. Throws when the schedule cannot be reached; the limiter then paces on a local share.
    /// </summary>
    ValueTask<ConnectorSendGrant> ReserveAsync(
        string tenantId, int count, TimeSpan spacing, DateTimeOffset notBefore, CancellationToken cancellationToken);
}
