using Azure;
using Azure.Data.Tables;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// One row of SpeakUpSalts: PartitionKey = tenant, RowKey = session id, the salt as a binary column and the session's
/// ClosesAt, so that a sweep over this table alone finds every salt that should be gone (rows written before the
/// column existed have none; the closing index still leads to them). Its own table, so destroying a salt is deleting
/// a row and never touches the session.
/// </summary>
internal sealed class SpeakUpSaltEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public byte[] Salt { get; set; } = [];

    public DateTimeOffset? ClosesAt { get; set; }

    public static SpeakUpSaltEntity From(string tenantId, string sessionId, byte[] salt, DateTimeOffset closesAt) => new()
    {
        PartitionKey = TableKeys.Escape(tenantId),
        RowKey = TableKeys.Escape(sessionId),
        Salt = salt,
        ClosesAt = closesAt.ToUniversalTime(),
    };
}
