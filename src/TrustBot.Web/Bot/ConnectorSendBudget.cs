using TrustBot.Core.Delivery;
using TrustBot.Protocol.Connector;

namespace TrustBot.Web.Bot;

/// <summary>
/// The Connector limiter's shared send schedule over Core's port, which storage implements: Protocol references nothing
/// of ours, so the host joins the two.
/// </summary>
internal sealed class ConnectorSendBudget(ISendBudget budget) : IConnectorSendBudget
{
    public async ValueTask<ConnectorSendGrant> ReserveAsync(
        string tenantId, int count, TimeSpan spacing, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var slots = await budget.ReserveAsync(tenantId, count, spacing, notBefore, cancellationToken);
        return new ConnectorSendGrant(slots.First, slots.Count);
    }
}
