using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Core.Cards;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Anonymous notes on a card, grouped under their prompt and kept under a byte budget, for the notes card and the
/// digest alike: Teams refuses a message over about 28 KB, so notes that do not fit are counted instead of shown.
/// </summary>
internal static class QuotedNotes
{
    /// <summary>The bytes <paramref name="node"/> adds to a card (its JSON and a separating comma).</summary>
    public static int Size(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString()) + 1;

    /// <summary>
    /// Adds each group's heading, then its notes, while they fit in <paramref name="budget"/> bytes; a heading is added
    /// only with its first note that fits. Returns how many notes were shown and how many were left out.
    /// </summary>
    public static (int Shown, int Left) AddWithin(JsonArray body, IEnumerable<(JsonObject Heading, IEnumerable<string> Notes)> groups, int budget)
    {
        var shown = 0;
        var left = 0;
        foreach (var (heading, notes) in groups)
        {
            var headingAdded = false;
            foreach (var note in notes)
            {
                var block = Quote(note);
                var size = Size(block) + (headingAdded ? 0 : Size(heading));
                if (size > budget)
                {
                    left++;
                    continue;
                }

                if (!headingAdded)
                {
                    body.Add(heading);
                    headingAdded = true;
                }

                body.Add(block);
                budget -= size;
                shown++;
            }
        }

        return (shown, left);
    }

    /// <summary>One note as a quoted block.</summary>
    public static JsonObject Quote(string note) => new()
    {
        ["type"] = "Container",
        ["style"] = "emphasis",
        ["spacing"] = "Small",
        ["items"] = new JsonArray(CardParts.Paragraph($"“{note}”")),
    };
}
