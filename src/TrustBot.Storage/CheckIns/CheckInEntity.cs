using Azure;
using Azure.Data.Tables;
using TrustBot.Core.CheckIns;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.CheckIns;

/// <summary>One row of the CheckIns table: plain columns, statement ids comma-joined, enums as names, times in UTC.</summary>
internal sealed class CheckInEntity : ITableEntity
{
    public const char StatementSeparator = ',';

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string CheckInId { get; set; } = "";
    public string InstallationKey { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string? ActivityId { get; set; }
    public string StatementIds { get; set; } = "";
    public int Threshold { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public string Status { get; set; } = "";
    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsOpen => Status == nameof(CheckInStatus.Open);

    public static CheckInEntity From(CheckIn checkIn) => new()
    {
        PartitionKey = TableKeys.Escape(checkIn.TenantId),
        RowKey = TableKeys.Escape(checkIn.CheckInId),
        TenantId = checkIn.TenantId,
        CheckInId = checkIn.CheckInId,
        InstallationKey = checkIn.InstallationKey,
        ConversationId = checkIn.ConversationId,
        ServiceUrl = checkIn.ServiceUrl,
        ActivityId = checkIn.ActivityId,
        StatementIds = string.Join(StatementSeparator, checkIn.StatementIds),
        Threshold = checkIn.Threshold,
        OpensAt = checkIn.OpensAt.ToUniversalTime(),
        ClosesAt = checkIn.ClosesAt.ToUniversalTime(),
        Status = checkIn.Status.ToString(),
    };

    public CheckIn ToCheckIn() => new()
    {
        TenantId = TenantId,
        CheckInId = CheckInId,
        InstallationKey = InstallationKey,
        ConversationId = ConversationId,
        ServiceUrl = ServiceUrl,
        ActivityId = ActivityId,
        StatementIds = StatementIds.Split(StatementSeparator, StringSplitOptions.RemoveEmptyEntries),
        Threshold = Threshold,
        OpensAt = OpensAt,
        ClosesAt = ClosesAt,
        Status = Enum.Parse<CheckInStatus>(Status),
    };
}
