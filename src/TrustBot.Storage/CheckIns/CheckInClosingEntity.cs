using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TrustBot.Core.CheckIns;
using TrustBot.Storage.Ballots;

namespace TrustBot.Storage.CheckIns;

/// <summary>
/// One row of the CheckInsClosing index: PartitionKey = the UTC hour of ClosesAt (<c>yyyyMMddHH</c>), RowKey =
/// tenant | check-in. The ids are columns too, so that the index never has to parse its own keys.
/// </summary>
internal sealed class CheckInClosingEntity : ITableEntity
{
    private const string BucketFormat = "yyyyMMddHH";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string CheckInId { get; set; } = "";
    public DateTimeOffset ClosesAt { get; set; }

    public static CheckInClosingEntity From(CheckIn checkIn) => new()
    {
        PartitionKey = Bucket(checkIn.ClosesAt),
        RowKey = CompositeKey.Join(checkIn.TenantId, checkIn.CheckInId),
        TenantId = checkIn.TenantId,
        CheckInId = checkIn.CheckInId,
        ClosesAt = checkIn.ClosesAt.ToUniversalTime(),
    };

    /// <summary>The hour bucket; the fixed-width digits sort as the times do, so a bucket range is a time range.</summary>
    public static string Bucket(DateTimeOffset time) => time.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);

    public static (string PartitionKey, string RowKey) KeysOf(string tenantId, string checkInId, DateTimeOffset closesAt) =>
        (Bucket(closesAt), CompositeKey.Join(tenantId, checkInId));
}
