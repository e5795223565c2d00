using Azure;
using Azure.Data.Tables;
using TrustBot.Core.SpeakUp;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.SpeakUp;

/// <summary>One row of SpeakUpSessions: PartitionKey = tenant, RowKey = session id, plain columns, times in UTC.</summary>
internal sealed class SpeakUpSessionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string SessionId { get; set; } = "";
    public string InstallationKey { get; set; } = "";
    public string PromptId { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string? ActivityId { get; set; }
    public int Threshold { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }

    // A missing column (a row written before closing existed) reads as open.
    public bool IsClosed { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public static SpeakUpSessionEntity From(SpeakUpSession session) => new()
    {
        PartitionKey = TableKeys.Escape(session.TenantId),
        RowKey = TableKeys.Escape(session.SessionId),
        TenantId = session.TenantId,
        SessionId = session.SessionId,
        InstallationKey = session.InstallationKey,
        PromptId = session.PromptId,
        ConversationId = session.ConversationId,
        ServiceUrl = session.ServiceUrl,
        ActivityId = session.ActivityId,
        Threshold = session.Threshold,
        OpensAt = session.OpensAt.ToUniversalTime(),
        ClosesAt = session.ClosesAt.ToUniversalTime(),
        IsClosed = session.IsClosed,
        ClosedAt = session.ClosedAt?.ToUniversalTime(),
    };

    public SpeakUpSession ToSession() => new()
    {
        TenantId = TenantId,
        SessionId = SessionId,
        InstallationKey = InstallationKey,
        PromptId = PromptId,
        ConversationId = ConversationId,
        ServiceUrl = ServiceUrl,
        ActivityId = ActivityId,
        Threshold = Threshold,
        OpensAt = OpensAt,
        ClosesAt = ClosesAt,
        IsClosed = IsClosed,
        ClosedAt = ClosedAt,
    };
}
