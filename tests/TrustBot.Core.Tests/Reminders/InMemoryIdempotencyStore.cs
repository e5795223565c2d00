using TrustBot.Core.Delivery;

namespace TrustBot.Core.Tests.Reminders;

/// <summary>An idempotency store that honours the port: begin once, done stays done.</summary>
internal sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Dictionary<string, IdempotencyRecord> _records = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys => _records.Keys;

    public Task<bool> TryBeginAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryAdd(key, new IdempotencyRecord(key, IdempotencyStates.Pending, null, DateTimeOffset.UnixEpoch)));

    public Task CompleteAsync(string key, string? resultId, CancellationToken cancellationToken)
    {
        _records[key] = new IdempotencyRecord(key, IdempotencyStates.Done, resultId, DateTimeOffset.UnixEpoch);
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
