using TrustBot.Core.Delivery;

namespace TrustBot.Core.Tests.Reminders;

/// <summary>An idempotency store that honours the port: begin once, claim once, done stays done.</summary>
internal sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Dictionary<string, IdempotencyRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _claims = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys => _records.Keys;

    public Task<bool> TryBeginAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryAdd(key, new IdempotencyRecord(key, IdempotencyStates.Pending, null, DateTimeOffset.UnixEpoch)));

    public Task<SendClaim> TryClaimAsync(string key, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (_records.GetValueOrDefault(key) is { State: not IdempotencyStates.Pending } settled)
        {
            return Task.FromResult(SendClaim.Settled(key, settled.State));
        }

        if (_claims.ContainsKey(key))
        {
            return Task.FromResult(SendClaim.Held(key));
        }

        _records.TryAdd(key, new IdempotencyRecord(key, IdempotencyStates.Pending, null, DateTimeOffset.UnixEpoch));
        _claims[key] = owner;
        return Task.FromResult(SendClaim.Claimed(key, owner));
    }

    public Task ReleaseAsync(SendClaim claim, CancellationToken cancellationToken)
    {
        _claims.Remove(claim.Key);
        return Task.CompletedTask;
    }

    public Task CompleteAsync(string key, string? resultId, CancellationToken cancellationToken)
    {
        _records[key] = new IdempotencyRecord(key, IdempotencyStates.Done, resultId, DateTimeOffset.UnixEpoch);
        _claims.Remove(key);
        return Task.CompletedTask;
    }

    public Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault(key));

    public Task MarkDeadAsync(string key, string reason, CancellationToken cancellationToken)
    {
        if (_records.GetValueOrDefault(key)?.State != IdempotencyStates.Done)
        {
            _records[key] = new IdempotencyRecord(key, IdempotencyStates.Dead, null, DateTimeOffset.UnixEpoch);
        }

        return Task.CompletedTask;
    }
}
