using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Core.CheckIns;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Cards;

/// <summary>The anonymous notes of a team, for a leader's digest. The caller shuffles the notes and applies the threshold.</summary>
public static class NotesCard
{
    public const string Summary = "Anonymous notes from your team";

    /// <summary>Teams refuses messages over about 28 KB; this leaves room for the activity around the card.</summary>
    public const int MaxCardBytes = 24 * 1024;

    /// <summary>
    /// Each prompt with its notes, in the order given. Notes that would push the card over <see cref="MaxCardBytes"/>
    /// are left out, and the card says how many.
    /// </summary>
    public static JsonObject Build(string teamLabel, IReadOnlyList<(SpeakUpPrompt Prompt, IReadOnlyList<string> Notes)> answered, int threshold)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var k = CheckInScoring.EffectiveThreshold(threshold).ToString(CultureInfo.InvariantCulture);
        var card = CardParts.Card(
            Summary,
            CardParts.Heading($"What {Team(teamLabel)} said"),
            CardParts.Paragraph(
                $"Shared in random order and without names, because at least {k} people answered. Contact details and links were taken out."));
        var body = card["body"]!.AsArray();

        // Room for the closing hint, whichever one it turns out to be.
        var budget = MaxCardBytes - Size(card) - 512;
        var left = 0;
        var shown = 0;
        foreach (var (prompt, notes) in answered.Where(a => a.Prompt is not null && a.Notes is { Count: > 0 }))
        {
            var heading = CardParts.Subheading(prompt.Text);
            var headingSize = Size(heading);
            var headingAdded = false;
            foreach (var note in notes.Where(n => !string.IsNullOrWhiteSpace(n)))
            {
                var block = Note(note);
                var size = Size(block) + (headingAdded ? 0 : headingSize);
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

        if (shown == 0 && left == 0)
        {
            body.Add(CardParts.Paragraph("No notes this time."));
        }

        if (left > 0)
        {
            body.Add(CardParts.Hint(left == 1
                ? "One more note did not fit on this card."
                : $"{left.ToString(CultureInfo.InvariantCulture)} more notes did not fit on this card."));
        }

        return card;
    }

    /// <summary>The card shown instead while fewer than the threshold have answered.</summary>
    public static JsonObject NotEnoughYet(string teamLabel, int threshold)
    {
        var k = CheckInScoring.EffectiveThreshold(threshold).ToString(CultureInfo.InvariantCulture);
        return CardParts.Card(
            Summary,
            CardParts.Heading($"Notes from {Team(teamLabel)}"),
            CardParts.Paragraph(
                $"Not enough people have answered yet. Notes are shared only once at least {k} people have answered, so nobody can be picked out."));
    }

    private static string Team(string teamLabel) => string.IsNullOrWhiteSpace(teamLabel) ? "your team" : teamLabel.Trim();

    private static JsonObject Note(string note) => new()
    {
        ["type"] = "Container",
        ["style"] = "emphasis",
        ["spacing"] = "Small",
        ["items"] = new JsonArray(CardParts.Paragraph($"“{note.Trim()}”")),
    };

    private static int Size(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString()) + 1;
}
