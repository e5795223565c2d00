using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;

namespace TrustBot.Core.Cards;

/// <summary>The few Adaptive Card 1.5 building blocks TrustBot's cards are made of.</summary>
internal static class CardParts
{
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    // Teams renders bot cards up to 1.5 (Universal Actions need it).
    public const string Version = "1.5";

    public const int DefaultAnonymityThreshold = 5;

    public const int MinimumAnonymityThreshold = 3;

    /// <summary>The promise every card repeats, in one sentence.</summary>
    public static string AnonymityPromise(int threshold) => AnonymityPromise(AnonymityThresholds.Of(threshold));

    /// <summary>The promise, true for every team it may be read about.</summary>
    public static string AnonymityPromise(AnonymityThresholds thresholds) =>
        $"Every answer is anonymous, and nobody, leaders included, sees any result until {thresholds.People} have answered.";

    public static JsonObject Card(string fallbackText, params JsonNode[] body) => new()
    {
        ["$schema"] = SchemaUrl,
        ["type"] = "AdaptiveCard",
        ["version"] = Version,
        ["fallbackText"] = fallbackText,
        ["body"] = new JsonArray(body),
    };

    public static JsonObject Heading(string text) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["style"] = "heading",
        ["size"] = "Large",
        ["weight"] = "Bolder",
        ["wrap"] = true,
    };

    public static JsonObject Subheading(string text) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["weight"] = "Bolder",
        ["spacing"] = "Medium",
        ["wrap"] = true,
    };

    public static JsonObject Paragraph(string text) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["wrap"] = true,
    };

    /// <summary>The anonymity promise, set apart in an emphasised container so it is never lost in the text.</summary>
    public static JsonObject Promise(int threshold) => Promise(AnonymityThresholds.Of(threshold));

    public static JsonObject Promise(AnonymityThresholds thresholds) => new()
    {
        ["type"] = "Container",
        ["style"] = "emphasis",
        ["spacing"] = "Medium",
        ["items"] = new JsonArray(new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = AnonymityPromise(thresholds),
            ["wrap"] = true,
        }),
    };

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts
            .Select(fact => (JsonNode)new JsonObject { ["title"] = fact.Title, ["value"] = fact.Value })
            .ToArray()),
    };

    public static JsonObject Hint(string text) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["isSubtle"] = true,
        ["size"] = "Small",
        ["spacing"] = "Medium",
        ["wrap"] = true,
    };
}
