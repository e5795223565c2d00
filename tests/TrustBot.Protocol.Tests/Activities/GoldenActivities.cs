using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Protocol.Activities;

namespace TrustBot.Protocol.Tests.Activities;

/// <summary>The golden Teams activities under <c>TestData/Activities</c>.</summary>
internal static class GoldenActivities
{
    public const string InstallTeam = "installationUpdate-add-team.json";
    public const string BotAddedToTeam = "conversationUpdate-teamMemberAdded-bot.json";
    public const string InstallPersonal = "installationUpdate-add-personal.json";
    public const string BotAddedToGroupChat = "conversationUpdate-groupChat-botAdded.json";
    public const string UpgradeTeam = "installationUpdate-addUpgrade-team.json";
    public const string RemoveTeam = "installationUpdate-remove-team.json";
    public const string BotRemovedFromTeam = "conversationUpdate-teamMemberRemoved-bot.json";
    public const string ChannelHelp = "message-channel-help.json";
    public const string PersonalHelp = "message-personal-help.json";
    public const string CardAction = "invoke-adaptiveCardAction.json";
    public const string CardSubmit = "message-actionSubmit.json";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "Activities");

    public static IReadOnlyList<string> All =>
    [
        InstallTeam, BotAddedToTeam, InstallPersonal, BotAddedToGroupChat, UpgradeTeam, RemoveTeam,
        BotRemovedFromTeam, ChannelHelp, PersonalHelp, CardAction, CardSubmit,
    ];

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static Activity Load(string name) =>
        JsonSerializer.Deserialize(Read(name), ProtocolJsonContext.Default.Activity)
        ?? throw new InvalidDataException($"{name} holds no activity.");

    /// <summary>The first place two JSON trees differ, as a path, for assertion messages.</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!e.ContainsKey(name) || !a.ContainsKey(name))
                    {
                        return $"{path}.{name} is {(e.ContainsKey(name) ? "missing after the round trip" : "new after the round trip")}";
                    }

                    if (FirstDifference(e[name], a[name], $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path} has {a.Count} items instead of {e.Count}";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(expected, actual)
                    ? null
                    : $"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}";
        }
    }
}
