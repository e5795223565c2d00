using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrustBot.Core.Nudges;

/// <summary>
/// The JSON of a nudge send: why it is sent, for a reminder which nudge it repeats, and for a weekly nudge the job's
/// plan (kept as JSON until the sender knows the recipient it belongs to).
/// </summary>
public sealed record NudgePayload(string Reason, string? NudgeId = null)
{
    public const string WeeklyReason = "weekly";

    public const string RemindReason = "remind";

    public static NudgePayload Weekly { get; } = new(WeeklyReason);

    /// <summary>The planned weekly nudge, as JSON; null for a reminder or a weekly nudge queued without a plan.</summary>
    public JsonObject? Plan { get; init; }

    public static NudgePayload Remind(string nudgeId) => new(RemindReason, nudgeId);

    public static NudgePayload Planned(NudgePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Weekly with { Plan = plan.ToJson() };
    }

    public bool IsReminder => string.Equals(Reason, RemindReason, StringComparison.Ordinal) && !string.IsNullOrEmpty(NudgeId);

    public string ToJson()
    {
        var json = new JsonObject { ["reason"] = Reason };
        if (NudgeId is not null)
        {
            json["nudgeId"] = NudgeId;
        }

        if (Plan is not null)
        {
            json["plan"] = Plan.DeepClone();
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
                return new NudgePayload(why, nudgeId) { Plan = node["plan"] as JsonObject };
            }
        }
        catch (JsonException)
        {
            return Weekly;
        }

        return Weekly;
    }
}
