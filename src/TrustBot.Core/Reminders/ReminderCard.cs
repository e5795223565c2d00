using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;

namespace TrustBot.Core.Reminders;

/// <summary>
/// The private reminder of an open check-in. Written so that anyone on the team could have received it: it says a
/// check-in is open, never whether the reader answered, so a glance over someone's shoulder learns nothing more.
/// </summary>
public static class ReminderCard
{
    public const string Summary = "A team check-in is open";

    public static JsonObject Build(string teamLabel, DateTimeOffset closesAt, int threshold)
    {
        var team = string.IsNullOrWhiteSpace(teamLabel) ? "your team" : teamLabel.Trim();
        return CardParts.Card(
            Summary,
            CardParts.Heading($"A quick check-in is open in {team}"),
            CardParts.Paragraph("It takes about half a minute: one tap per statement, on the check-in card in the team's channel."),
            CardParts.Paragraph("Answers are anonymous. Nobody, leaders included, can see who answered or what anyone said."),
            CardParts.Hint(CardActions.Closes(closesAt)),
            CardParts.Promise(AnonymityThresholds.EffectiveThreshold(threshold)),
            CardParts.Hint("I send this note once per check-in, to keep the team's voice as full as it can be. If you've already had your say, thank you."));
    }
}
