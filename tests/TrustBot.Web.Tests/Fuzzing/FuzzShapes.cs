using System.Text.Json.Nodes;
using TrustBot.Web.Tests.Infrastructure;

namespace TrustBot.Web.Tests.Fuzzing;

/// <summary>
/// The real Teams activity shapes the fuzzer mutates: installs and conversation updates, messages in a channel and
/// a 1:1 chat, a vote (adaptiveCard/action), the Action.Submit fallback, and a settings save.
/// </summary>
internal static class FuzzShapes
{
    public static readonly string[] Names =
    [
        "team install", "bot added to team", "bot removed from team", "personal install", "bot added to group chat",
        "personal message", "channel mention", "vote", "action submit", "settings save",
    ];

    public static JsonObject Build(int shape, TeamsActivities teams)
    {
        var member = TeamsUser.Create(7);
        return shape switch
        {
            0 => teams.TeamInstall(),
            1 => teams.TeamBotAdded(),
            2 => teams.TeamBotRemoved(),
            3 => teams.PersonalInstall(),
            4 => teams.GroupChatBotAdded(),
            5 => teams.PersonalMessage("help"),
            6 => teams.ChannelMentionFrom(teams.Installer, "leaders add", [member], clientTimeZone: "Europe/Berlin"),
            7 => teams.CardAction("checkin.vote", new JsonObject
            {
                ["checkInId"] = Guid.NewGuid().ToString("N"),
                ["answer-ps.speakUp"] = "6",
            }),
            8 => ActionSubmit(teams),
            _ => teams.CardAction("settings.save", new JsonObject
            {
                ["teamKey"] = teams.TeamId,
                ["shownAt"] = "2026-11-23T10:00:00Z",
                ["channel"] = teams.SelectedChannelId,
                ["cadence"] = "weekly",
                ["day"] = "Monday",
                ["time"] = "09:00",
                ["timeZone"] = "Europe/Berlin",
                ["threshold"] = "5",
            }, conversationId: teams.PersonalConversationId),
        };
    }

    private static JsonObject ActionSubmit(TeamsActivities teams)
    {
        var activity = teams.PersonalMessage(string.Empty);
        activity.Remove("text");
        activity["replyToId"] = "1776390300001";
        activity["value"] = new JsonObject
        {
            ["verb"] = "speakup.submit",
            ["sessionId"] = Guid.NewGuid().ToString("N"),
            ["note"] = "We rarely talk about what went wrong in a release.",
        };
        return activity;
    }
}
