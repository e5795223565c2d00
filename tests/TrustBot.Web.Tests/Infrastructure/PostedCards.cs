using System.Text.Json.Nodes;
using TrustBot.Testing.Connector;

namespace TrustBot.Web.Tests.Infrastructure;

/// <summary>Reads what the bot posted to the stub Connector and what it answered to invokes.</summary>
public static class PostedCards
{
    public static JsonObject CardOf(RecordedRequest request) => request.Body!["attachments"]![0]!["content"]!.AsObject();

    /// <summary>The first Action.Execute data value named <paramref name="key"/> anywhere in the card.</summary>
    public static string? ActionData(JsonNode card, string key) => Descendants(card)
        .OfType<JsonObject>()
        .Where(o => (string?)o["type"] == "Action.Execute" && o["data"] is JsonObject)
        .Select(o => (string?)o["data"]![key])
        .FirstOrDefault(v => v is not null);

    /// <summary>The ids of every input on the card.</summary>
    public static IReadOnlyList<string> InputIds(JsonNode card) => Descendants(card)
        .OfType<JsonObject>()
        .Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
        .Select(o => (string)o["id"]!)
        .ToList();

    /// <summary>The card inside an invoke response body.</summary>
    public static async Task<JsonObject> InvokeCardAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["value"]!.AsObject();
    }

    public static string Text(JsonNode card) => string.Join("\n", Descendants(card)
        .OfType<JsonObject>()
        .Select(o => o["text"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null)
        .OfType<string>());

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
