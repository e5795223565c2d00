using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// One released group of notes as posted into a team's channel (teams that chose so). A group that does not fit one
/// card is split over several; the split is worked out the same way every time, so a retried post is the same page.
/// </summary>
public static class NoteReleaseCard
{
    public const string Summary = "Notes your teammates shared";

    // Room for the heading, the prompt, the hint and the activity around the card.
    private const int Reserve = 2 * 1024;

    /// <summary>
    /// The pages of one group, notes in the order given (the caller's random order). Each note is scrubbed again, so
    /// nothing but a scrubbed note is ever posted.
    /// </summary>
    public static IReadOnlyList<JsonObject> Pages(string? prompt, IReadOnlyList<string> notes, int threshold)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var quotes = notes.Select(NoteScrubber.Scrub).Where(n => n.Length > 0).Select(QuotedNotes.Quote).ToList();
        var pages = new List<List<JsonObject>>();
        var budget = 0;
        foreach (var quote in quotes)
        {
            var size = QuotedNotes.Size(quote);
            if (pages.Count == 0 || size > budget)
            {
                pages.Add([]);
                budget = NotesCard.MaxCardBytes - Reserve - (prompt is null ? 0 : 2 * prompt.Length);
            }

            pages[^1].Add(quote);
            budget -= size;
        }

        return [.. pages.Select((page, i) => Card(prompt, page, threshold, i + 1, pages.Count))];
    }

    /// <summary>The hint every page carries: groups of k, never one at a time.</summary>
    public static string GroupsHint(int threshold) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Notes are shared in groups of {AnonymityThresholds.EffectiveThreshold(threshold)}, in random order and without names, never one at a time; whatever is left comes when the question closes.");

    private static JsonObject Card(string? prompt, List<JsonObject> quotes, int threshold, int page, int pages)
    {
        var card = CardParts.Card(Summary, CardParts.Heading("Your teammates shared"));
        var body = card["body"]!.AsArray();
        if (!string.IsNullOrWhiteSpace(prompt))
        {
            body.Add(CardParts.Subheading(prompt));
        }

        foreach (var quote in quotes)
        {
            body.Add(quote);
        }

        var part = pages > 1 ? string.Create(CultureInfo.InvariantCulture, $" (Part {page} of {pages}.)") : "";
        body.Add(CardParts.Hint(GroupsHint(threshold) + part));
        return card;
    }
}
