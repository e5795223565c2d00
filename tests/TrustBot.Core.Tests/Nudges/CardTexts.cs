using System.Text.Json.Nodes;

namespace TrustBot.Core.Tests.Nudges;

/// <summary>Every "text" a card shows, unescaped, as a reader sees it.</summary>
internal static class CardTexts
{
    public static List<string> Of(JsonNode? node)
    {
        var texts = new List<string>();
        Collect(node, texts);
        return texts;
    }

    public static string Joined(JsonNode? node) => string.Join("\n", Of(node));

    private static void Collect(JsonNode? node, List<string> texts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "text" && value is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        texts.Add(s);
                    }
                    else
                    {
                        Collect(value, texts);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, texts);
                }

                break;
        }
    }
}
