using System.Globalization;
using System.Text.Json.Nodes;

namespace TrustBot.Core.Cards;

/// <summary>Universal Actions for TrustBot's interactive cards, each with the fallback older Teams clients need.</summary>
internal static class CardActions
{
    /// <summary>
    /// An <c>Action.Execute</c> whose fallback is an <c>Action.Submit</c> carrying the verb in its data, so a client
    /// without Universal Actions still reaches the same handler.
    /// </summary>
    public static JsonObject Execute(string title, string verb, string idKey, string idValue) =>
        Execute(title, verb, new Dictionary<string, string> { [idKey] = idValue });

    /// <summary>The same, carrying several values in its data.</summary>
    public static JsonObject Execute(string title, string verb, IReadOnlyDictionary<string, string> data)
    {
        var fallbackData = new JsonObject { [CardData.Verb] = verb };
        var executeData = new JsonObject();
        foreach (var (key, value) in data)
        {
            executeData[key] = value;
            fallbackData[key] = value;
        }

        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = executeData,
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = title,
                ["data"] = fallbackData,
            },
        };
    }

    public static JsonObject ActionSet(params JsonNode[] actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray(actions),
    };

    /// <summary>
    /// The card's refresh. No <c>userIds</c>: Teams then refreshes automatically for everyone in conversations of up
    /// to 60 members, each person getting their own view (answered or not).
    /// </summary>
    public static JsonObject Refresh(string verb, string idKey, string idValue) => new()
    {
        ["action"] = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["verb"] = verb,
            ["data"] = new JsonObject { [idKey] = idValue },
        },
    };

    /// <summary>"Closes {date} at {time}", rendered by Teams in each reader's own time zone and format.</summary>
    public static string Closes(DateTimeOffset closesAt)
    {
        var utc = closesAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"Closes {{{{DATE({utc}, SHORT)}}}} at {{{{TIME({utc})}}}}.";
    }

    /// <summary>"1 reply" / "4 replies": a count of people, never of answers.</summary>
    public static string Replies(int replies) =>
        replies == 1 ? "1 reply" : string.Create(CultureInfo.InvariantCulture, $"{replies} replies");
}
