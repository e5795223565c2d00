namespace TrustBot.Core.Leaders;

/// <summary>
/// The leader rows of the person who sent the activity being handled, read once per activity: the details refresh,
/// help (which lists leader commands to leaders only, and names the k of each team they lead) and the team a 1:1
/// command acts on all ask for them. Scoped, so the next activity reads afresh; a read that failed is tried again by
/// the next asker, each of which handles a failure its own way.
/// </summary>
public sealed class PersonLeadership(ILeaderStore leaders)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string TenantId, string? UserId, string? AadObjectId), Task<IReadOnlyList<Leader>>> _read = [];

    /// <summary>The person's leader rows (one per team they lead, perhaps twice when found by both ids).</summary>
    public Task<IReadOnlyList<Leader>> ListAsync(string tenantId, string? userId, string? aadObjectId, CancellationToken cancellationToken)
    {
        var key = (tenantId, userId, aadObjectId);
        lock (_gate)
        {
            if (!_read.TryGetValue(key, out var rows) || rows.IsFaulted || rows.IsCanceled)
            {
                rows = ReadAsync(tenantId, userId, aadObjectId, cancellationToken);
                _read[key] = rows;
            }

            return rows;
        }
    }

    private async Task<IReadOnlyList<Leader>> ReadAsync(string tenantId, string? userId, string? aadObjectId, CancellationToken cancellationToken)
    {
        var rows = new List<Leader>();
        await foreach (var leader in leaders.ListForPersonAsync(tenantId, userId, aadObjectId, cancellationToken))
        {
            rows.Add(leader);
        }

        return rows;
    }
}
