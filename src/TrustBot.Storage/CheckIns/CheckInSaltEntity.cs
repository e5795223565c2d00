using Azure;
using Azure.Data.Tables;

namespace TrustBot.Storage.CheckIns;

/// <summary>
/// One row of the CheckInSalts table: the salt, so that deleting the row destroys it, and its check-in's closing time,
/// so that a sweep over this table alone finds every salt that should be gone (rows written before the column existed
/// have none; the closing index still leads to them).
/// </summary>
internal sealed class CheckInSaltEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public byte[] Salt { get; set; } = [];

    public DateTimeOffset? ClosesAt { get; set; }
}
