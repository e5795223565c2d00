using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TrustBot.Storage.Anonymity;

namespace TrustBot.Storage.Tables;

/// <summary>
/// One row of a due-to-close index (check-ins, speak-up sessions): PartitionKey = the UTC hour of ClosesAt
/// (<c>yyyyMMddHH</c>), RowKey = tenant | item. The ids are columns too, so that the index never has to parse its
/// own keys. A row lives while its item is open.
/// </summary>
internal sealed class ClosingIndexEntity : ITableEntity
{
    private const string BucketFormat = "yyyyMMddHH";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string ItemId { get; set; } = "";
    public DateTimeOffset ClosesAt { get; set; }

    public static ClosingIndexEntity From(string tenantId, string itemId, DateTimeOffset closesAt) => new()
    {
        PartitionKey = Bucket(closesAt),
        RowKey = CompositeKey.Join(tenantId, itemId),
        TenantId = tenantId,
        ItemId = itemId,
        ClosesAt = closesAt.ToUniversalTime(),
    };

    /// <summary>The hour bucket; the fixed-width digits sort as the times do, so a bucket range is a time range.</summary>
    public static string Bucket(DateTimeOffset time) => time.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// The rows due at <paramref name="now"/>: every hour bucket up to now, however old, and within them only items
    /// whose closing time has passed. No lower bound: rows go when their item closes, so old buckets are empty unless
    /// an outage left a salt behind there, and that salt must be found whatever the outage's length.
    /// </summary>
    public static string DueFilter(DateTimeOffset now) => TableClient.CreateQueryFilter(
        $"PartitionKey le {Bucket(now)} and ClosesAt le {now.ToUniversalTime()}");

    public static (string PartitionKey, string RowKey) KeysOf(string tenantId, string itemId, DateTimeOffset closesAt) =>
        (Bucket(closesAt), CompositeKey.Join(tenantId, itemId));
}
