using Azure;
using Azure.Data.Tables;

namespace TrustBot.Storage.CheckIns;

/// <summary>One row of the CheckInSalts table: the salt alone, so that deleting the row destroys it.</summary>
internal sealed class CheckInSaltEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public byte[] Salt { get; set; } = [];
}
