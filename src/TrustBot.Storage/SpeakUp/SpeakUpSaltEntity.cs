using Azure;
using Azure.Data.Tables;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// One row of SpeakUpSalts: PartitionKey = tenant, RowKey = session id, the salt as a binary column. Its own table,
/// so destroying a salt is deleting a row and never touches the session.
/// </summary>
internal sealed class SpeakUpSaltEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public byte[] Salt { get; set; } = [];

    public static SpeakUpSaltEntity From(string tenantId, string sessionId, byte[] salt) => new()
    {
        PartitionKey = TableKeys.Escape(tenantId),
        RowKey = TableKeys.Escape(sessionId),
        Salt = salt,
    };
}
