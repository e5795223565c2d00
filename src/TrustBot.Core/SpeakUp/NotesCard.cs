using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// The released anonymous notes of a team, for the <c>notes</c> command. The caller shuffles the notes and passes only
/// released ones (released in groups of at least k).
/// </summary>
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
        var k = AnonymityThresholds.EffectiveThreshold(threshold).ToString(CultureInfo.InvariantCulture);
        var card = CardParts.Card(
            Summary,
            CardParts.Heading($"What {Team(teamLabel)} said"),
            CardParts.Paragraph(
                $"Shared in random order and without names, in groups of at least {k}, never one at a time: this is everything shared so far, "
                + "and it changes only when the next group is released or a question closes. Contact details and links were taken out."));
        var body = card["body"]!.AsArray();

        // Room for the closing hint, whichever one it turns out to be.
        var (shown, left) = QuotedNotes.AddWithin(
            body,
            answered
                .Where(a => a.Prompt is not null && a.Notes is { Count: > 0 })
                .Select(a => (CardParts.Subheading(a.Prompt.Text), a.Notes.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()))),
            MaxCardBytes - QuotedNotes.Size(card) - 512);

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

    /// <summary>The card shown instead while no group of notes has been released yet.</summary>
    public static JsonObject NotEnoughYet(string teamLabel, int threshold)
    {
        var k = AnonymityThresholds.EffectiveThreshold(threshold).ToString(CultureInfo.InvariantCulture);
        return CardParts.Card(
            Summary,
            CardParts.Heading($"Notes from {Team(teamLabel)}"),
            CardParts.Paragraph(
                $"No notes have been shared yet. Notes are shared in groups of at least {k}, never one at a time, so nobody can be picked out; "
                + "whatever is left comes when the question closes."));
    }

    private static string Team(string teamLabel) => string.IsNullOrWhiteSpace(teamLabel) ? "your team" : teamLabel.Trim();
}
