using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrustBot.Core.Nudges;

/// <summary>The JSON of a nudge send: why it is sent, and for a reminder which nudge it repeats.</summary>
public sealed record NudgePayload(string Reason, string? NudgeId = null)
{
    public const string WeeklyReason = "weekly";

    public const string RemindReason = "remind";

    public static NudgePayload Weekly { get; } = new(WeeklyReason);

    public static NudgePayload Remind(string nudgeId) => new(RemindReason, nudgeId);

    public bool IsReminder => string.Equals(Reason, RemindReason, StringComparison.Ordinal) && !string.IsNullOrEmpty(NudgeId);

    public string ToJson()
    {
        var json = new JsonObject { ["reason"] = Reason };
        if (NudgeId is not null)
        {
            json["nudgeId"] = NudgeId;
        }

        return json.ToJsonString();
    }

    /// <summary>The payload, or the weekly one when the JSON is empty or unreadable (a weekly nudge is the safe default).</summary>
    public static NudgePayload Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Weekly;
        }

        try
        {
            if (JsonNode.Parse(json) is JsonObject node
                && node["reason"] is JsonValue reason && reason.TryGetValue<string>(out var why))
            {
                var nudgeId = node["nudgeId"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
                return new NudgePayload(why, nudgeId);
            }
        }
        catch (JsonException)
        {
            return Weekly;
        }

        return Weekly;
    }
}
