using Azure;
using Azure.Data.Tables;

namespace TrustBot.Storage.Delivery;

/// <summary>One row of the DeadLetters table: which send was given up, what it was and why.</summary>
internal sealed class DeadLetterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
