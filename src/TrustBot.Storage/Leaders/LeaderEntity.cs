using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TrustBot.Core.Leaders;
using TrustBot.Storage.Anonymity;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Leaders;

/// <summary>
/// One row of the Leaders table: PartitionKey = escaped tenant id, RowKey = escaped team key <c>|</c> escaped user id
/// (see <see cref="CompositeKey"/>), so one team's leaders are one RowKey range. Plain columns, times in UTC.
/// </summary>
internal sealed class LeaderEntity : ITableEntity
{
    private const string TimeFormat = "HH:mm";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string TeamKey { get; set; } = "";
    public string UserId { get; set; } = "";
    public string? AadObjectId { get; set; }
    public string? Name { get; set; }
    public string? TimeZoneId { get; set; }

    /// <summary>The weekday's name (<c>Monday</c>).</summary>
    public string NudgeDay { get; set; } = nameof(DayOfWeek.Monday);

    /// <summary>The local time as <c>HH:mm</c>.</summary>
    public string NudgeTime { get; set; } = "09:00";

    public string ServiceUrl { get; set; } = "";
    public string BotId { get; set; } = "";
    public string? ChatConversationId { get; set; }
    public bool Unreachable { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    public static string PartitionKeyFor(string tenantId) => TableKeys.Escape(tenantId);

    public static string RowKeyFor(string teamKey, string userId) => CompositeKey.Join(teamKey, userId);

    /// <summary>Every RowKey of the team's leaders starts with this.</summary>
    public static string TeamPrefix(string teamKey) => CompositeKey.Part(teamKey) + CompositeKey.Separator;

    public static LeaderEntity From(Leader leader) => new()
    {
        PartitionKey = PartitionKeyFor(leader.TenantId),
        RowKey = RowKeyFor(leader.TeamKey, leader.UserId),
        TenantId = leader.TenantId,
        TeamKey = leader.TeamKey,
        UserId = leader.UserId,
        AadObjectId = leader.AadObjectId,
        Name = leader.Name,
        TimeZoneId = leader.TimeZoneId,
        NudgeDay = leader.NudgeDay.ToString(),
        NudgeTime = leader.NudgeTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
        ServiceUrl = leader.ServiceUrl,
        BotId = leader.BotId,
        ChatConversationId = leader.ChatConversationId,
        Unreachable = leader.Unreachable,
        AddedAt = leader.AddedAt.ToUniversalTime(),
    };

    public Leader ToLeader() => new()
    {
        TenantId = TenantId,
        TeamKey = TeamKey,
        UserId = UserId,
        AadObjectId = AadObjectId,
        Name = Name,
        TimeZoneId = TimeZoneId,
        NudgeDay = Enum.Parse<DayOfWeek>(NudgeDay),
        NudgeTime = TimeOnly.ParseExact(NudgeTime, TimeFormat, CultureInfo.InvariantCulture),
        ServiceUrl = ServiceUrl,
        BotId = BotId,
        ChatConversationId = ChatConversationId,
        Unreachable = Unreachable,
        AddedAt = AddedAt,
    };
}
