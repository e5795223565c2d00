using Azure;
using Azure.Data.Tables;
using TrustBot.Core.Scheduling;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Scheduling;

/// <summary>
/// One row of the Timetable table: PartitionKey = the escaped tenant id, RowKey = installation key | job (each part
/// escaped so that neither can contain the separator). The ids are columns too, so that no key is ever parsed.
/// <see cref="ClaimedBy"/> and <see cref="ClaimedUntil"/> say which instance runs the due occurrence; every write but
/// the claim itself replaces the row without them, which ends the claim.
/// </summary>
internal sealed class TimetableEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string InstallationKey { get; set; } = "";
    public string Job { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Whether an instance holds the due occurrence at <paramref name="now"/>.</summary>
    public bool IsClaimedAt(DateTimeOffset now) => ClaimedUntil is { } until && until > now;

    public static TimetableEntity From(TimetableEntry entry)
    {
        var (partitionKey, rowKey) = KeysOf(entry.TenantId, entry.InstallationKey, entry.Job);
        return new TimetableEntity
        {
            PartitionKey = partitionKey,
            RowKey = rowKey,
            TenantId = entry.TenantId,
            InstallationKey = entry.InstallationKey,
            Job = entry.Job,
            DueAt = entry.DueAt.ToUniversalTime(),
        };
    }

    public TimetableEntry ToEntry() => new(TenantId, InstallationKey, Job, DueAt, ETag.ToString());

    public static (string PartitionKey, string RowKey) KeysOf(string tenantId, string installationKey, string job) =>
        (TableKeys.Escape(tenantId), CompositeKey.Join(installationKey, job));

    /// <summary>The first row key of an installation and the first one past it: its rows all start with key + separator.</summary>
    public static (string From, string To) RangeOf(string installationKey)
    {
        var prefix = CompositeKey.Part(installationKey);
        return (prefix + CompositeKey.Separator, prefix + (char)(CompositeKey.Separator + 1));
    }
}
