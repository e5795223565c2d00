using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Ballots;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// One row of the SpeakUpClosing index: PartitionKey = the UTC hour of ClosesAt (<c>yyyyMMddHH</c>), RowKey =
/// tenant | session. The ids are columns too, so that the index never has to parse its own keys. A row lives while
/// its session is open.
/// </summary>
internal sealed class SpeakUpClosingEntity : ITableEntity
{
    private const string BucketFormat = "yyyyMMddHH";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string SessionId { get; set; } = "";
    public DateTimeOffset ClosesAt { get; set; }

    public static SpeakUpClosingEntity From(SpeakUpSession session) => new()
    {
        PartitionKey = Bucket(session.ClosesAt),
        RowKey = CompositeKey.Join(session.TenantId, session.SessionId),
        TenantId = session.TenantId,
        SessionId = session.SessionId,
        ClosesAt = session.ClosesAt.ToUniversalTime(),
    };

    /// <summary>The hour bucket; the fixed-width digits sort as the times do, so a bucket range is a time range.</summary>
    public static string Bucket(DateTimeOffset time) => time.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);

    public static (string PartitionKey, string RowKey) KeysOf(string tenantId, string sessionId, DateTimeOffset closesAt) =>
        (Bucket(closesAt), CompositeKey.Join(tenantId, sessionId));
}
