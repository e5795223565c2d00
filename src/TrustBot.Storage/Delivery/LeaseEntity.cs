using Azure;
using Azure.Data.Tables;

namespace TrustBot.Storage.Delivery;

/// <summary>One row of the Leases table: who holds a resource and until when.</summary>
internal sealed class LeaseEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Owner { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
