using Azure;
using Azure.Data.Tables;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.CheckIns;

/// <summary>
/// The row in the CheckIns table that says which check-in is open for one installation: PartitionKey = tenant (the
/// same partition as the tenant's check-ins, so the marker and the check-in row are written in one transaction),
/// RowKey = <see cref="RowKeyPrefix"/> + the installation key. It has no InstallationKey column, so the lists of an
/// installation's check-ins never see it. It is stale, and may be taken over, once its check-in closed, is gone, or
/// is past its closing time.
/// </summary>
internal sealed class OpenCheckInMarkerEntity : ITableEntity
{
    /// <summary>Check-in ids are random hex, so no check-in row key can start with this.</summary>
    public const string RowKeyPrefix = "open|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string OpenCheckInId { get; set; } = "";
    public DateTimeOffset ClosesAt { get; set; }

    public static (string PartitionKey, string RowKey) KeysOf(string tenantId, string installationKey) =>
        (TableKeys.Escape(tenantId), RowKeyPrefix + CompositeKey.Part(installationKey));

    public static OpenCheckInMarkerEntity For(string tenantId, string installationKey, string checkInId, DateTimeOffset closesAt)
    {
        var (partitionKey, rowKey) = KeysOf(tenantId, installationKey);
        return new OpenCheckInMarkerEntity
        {
            PartitionKey = partitionKey,
            RowKey = rowKey,
            OpenCheckInId = checkInId,
            ClosesAt = closesAt.ToUniversalTime(),
        };
    }
}
