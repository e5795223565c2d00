using TrustBot.Protocol.Connector;

namespace TrustBot.Protocol.Tests.Connector;

/// <summary>
/// The shared send schedule in memory, as several limiters (instances) would share it in storage: per tenant the next
/// free instant, moved on by every reservation. Records each call, and fails while <see cref="Failing"/> is set.
/// </summary>
internal sealed class InMemorySendBudget : IConnectorSendBudget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);
    private readonly List<(string TenantId, int Count, DateTimeOffset NotBefore)> _calls = [];

    public bool Failing { get; set; }

    /// <summary>When set, each answer comes back asynchronously after about a millisecond (of the real clock), like storage's.</summary>
    public bool Slow { get; set; }

    /// <summary>When set, runs before each answer is given (a test moves its clock in it: an answer that comes late).</summary>
    public Action? Answering { get; set; }

    public IReadOnlyList<(string TenantId, int Count, DateTimeOffset NotBefore)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public async ValueTask<ConnectorSendGrant> ReserveAsync(string tenantId, int count, TimeSpan spacing, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        if (Slow)
        {
            await Task.Delay(1, CancellationToken.None);
        }

        Answering?.Invoke();
        return Reserve(tenantId, count, spacing, notBefore);
    }

    private ConnectorSendGrant Reserve(string tenantId, int count, TimeSpan spacing, DateTimeOffset notBefore)
    {
        lock (_gate)
        {
            _calls.Add((tenantId, count, notBefore));
            if (Failing)
            {
                throw new HttpRequestException("The schedule's store is not reachable.");
            }

            var first = _next.TryGetValue(tenantId, out var next) && next > notBefore ? next : notBefore;
            _next[tenantId] = first + (spacing * count);
            return new ConnectorSendGrant(first, count);
        }
    }
}
