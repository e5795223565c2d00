using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TrustBot.Core.Nudges;
using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Nudges;

/// <summary>
/// One row of the Nudges table. PartitionKey = tenant; RowKey = team|leader|inverted send ticks|nudge id, so one
/// leader's rows are a contiguous range, newest first. The separator is escaped inside each part, so two parts never
/// run together.
/// </summary>
internal sealed class NudgeEntity : ITableEntity
{
    private const char Separator = '|';

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TenantId { get; set; } = "";
    public string TeamKey { get; set; } = "";
    public string LeaderUserId { get; set; } = "";
    public string NudgeId { get; set; } = "";
    public string HabitId { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public string Response { get; set; } = "";
    public DateTimeOffset? RespondedAt { get; set; }
    public string? ActivityId { get; set; }

    /// <summary>The row key prefix shared by all nudges of one leader of one team.</summary>
    public static string LeaderPrefix(string teamKey, string leaderUserId) =>
        Part(teamKey) + Separator + Part(leaderUserId) + Separator;

    /// <summary>The row key part that sorts <paramref name="sentAt"/> newest first: later instants give smaller numbers.</summary>
    public static string InvertedTicks(DateTimeOffset sentAt) =>
        (DateTimeOffset.MaxValue.UtcTicks - sentAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The first key after every row of the prefix (the separator's successor closes the range).</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(Separator + 1);

    public static NudgeEntity From(NudgeRecord record) => new()
    {
        PartitionKey = TableKeys.Escape(record.TenantId),
        RowKey = LeaderPrefix(record.TeamKey, record.LeaderUserId) + InvertedTicks(record.SentAt) + Separator + Part(record.NudgeId),
        TenantId = record.TenantId,
        TeamKey = record.TeamKey,
        LeaderUserId = record.LeaderUserId,
        NudgeId = record.NudgeId,
        HabitId = record.HabitId,
        SentAt = record.SentAt.ToUniversalTime(),
        Response = record.Response.ToString(),
        RespondedAt = record.RespondedAt?.ToUniversalTime(),
        ActivityId = record.ActivityId,
    };

    public NudgeRecord ToRecord() => new(
        TenantId,
        TeamKey,
        LeaderUserId,
        NudgeId,
        HabitId,
        SentAt,
        Enum.TryParse<NudgeResponse>(Response, out var response) ? response : NudgeResponse.None,
        RespondedAt,
        ActivityId);

    // TableKeys escapes '%' itself, so writing the separator as %7C cannot collide with anything already escaped.
    private static string Part(string value) =>
        TableKeys.Escape(value).Replace("|", "%7C", StringComparison.Ordinal);
}
