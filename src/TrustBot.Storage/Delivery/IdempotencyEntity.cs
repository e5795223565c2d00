using Azure;
using Azure.Data.Tables;
using TrustBot.Core.Delivery;

namespace TrustBot.Storage.Delivery;

/// <summary>
/// One row of the Idempotency table. The key is kept as a column too, since the row key is hashed apart from it. While
/// a worker sends, <see cref="Owner"/> and <see cref="ClaimedUntil"/> say who and until when: the record and the send's
/// claim are one row, so claiming a fresh send is a single insert. Settling (or releasing) replaces the row without them.
/// </summary>
internal sealed class IdempotencyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Key { get; set; } = "";
    public string State { get; set; } = "";
    public string? ResultId { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string? Owner { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public bool IsSettled => State is IdempotencyStates.Done or IdempotencyStates.Dead;

    public static IdempotencyEntity For(string key, string state, DateTimeOffset updatedAt) => new()
    {
        PartitionKey = SpreadPartition.For(key),
        RowKey = Tables.TableKeys.Escape(key),
        Key = key,
        State = state,
        UpdatedAt = updatedAt.ToUniversalTime(),
    };

    public IdempotencyRecord ToRecord() => new(Key, State, ResultId, UpdatedAt);
}
