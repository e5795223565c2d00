using System.Text.Json.Nodes;
using TrustBot.Core.Leaders;

namespace TrustBot.Core.Nudges;

/// <summary>
/// A weekly nudge as the job planned it: which habit, under which nudge id, with which streak and team name, and the
/// leader's chat as it was. The job has read the team, the leader and their history anyway; carrying what it decided in
/// the send spares the sender reading them all again moments later.
/// </summary>
/// <param name="NudgeId">The new nudge's id.</param>
/// <param name="HabitId">The habit chosen.</param>
/// <param name="Streak">Habits done in a row before this nudge.</param>
/// <param name="TeamName">The team's name, for the card.</param>
/// <param name="Chat">Where the leader's chat is (or is to be opened).</param>
/// <param name="PlannedAt">When the job planned it.</param>
public sealed record NudgePlan(string NudgeId, string HabitId, int Streak, string TeamName, LeaderChatRoute Chat, DateTimeOffset PlannedAt)
{
    /// <summary>
    /// How long a plan is used as it stands. A send taken up later than this — redelivered after a failed try, or held up
    /// behind a long backlog — reads the leader, the team and the history afresh and chooses again, so that a leader
    /// removed, a team paused or a nudge answered meanwhile is seen. Shorter than the outbox's visibility timeout, so a
    /// redelivered send is never sent from a plan.
    /// </summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);

    /// <summary>Whether the plan may still be sent as it stands at <paramref name="now"/>.</summary>
    public bool IsFreshAt(DateTimeOffset now) => now - PlannedAt <= FreshFor && now >= PlannedAt - FreshFor;

    public JsonObject ToJson() => new()
    {
        ["nudgeId"] = NudgeId,
        ["habitId"] = HabitId,
        ["streak"] = Streak,
        ["team"] = TeamName,
        ["serviceUrl"] = Chat.ServiceUrl,
        ["botId"] = Chat.BotId,
        ["chat"] = Chat.ChatConversationId,
        ["at"] = PlannedAt.ToUnixTimeMilliseconds(),
    };

    /// <summary>The plan in <paramref name="json"/>, for the send's recipient; null when any part is missing or unreadable.</summary>
    public static NudgePlan? FromJson(JsonNode? json, string tenantId, string teamKey, string userId)
    {
        if (json is not JsonObject node
            || Text(node, "nudgeId") is not { } nudgeId
            || Text(node, "habitId") is not { } habitId
            || Text(node, "serviceUrl") is not { } serviceUrl
            || Text(node, "botId") is not { } botId
            || node["streak"] is not JsonValue streak || !streak.TryGetValue<int>(out var done)
            || node["at"] is not JsonValue at || !at.TryGetValue<long>(out var plannedAt))
        {
            return null;
        }

        var chat = new LeaderChatRoute(tenantId, teamKey, userId, serviceUrl, botId, Text(node, "chat"));
        return new NudgePlan(nudgeId, habitId, done, Text(node, "team") ?? "", chat, DateTimeOffset.FromUnixTimeMilliseconds(plannedAt));
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
