using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Commands;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Help;

/// <summary>The card listing what TrustBot understands, one line per registered command.</summary>
public static class HelpCard
{
    public const string Summary = "What TrustBot can do";

    public static JsonObject Build(
        IEnumerable<ICommand> commands,
        ConversationKind kind,
        int anonymityThreshold = CardParts.DefaultAnonymityThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(anonymityThreshold, CardParts.MinimumAnonymityThreshold);
        return Build(commands, kind, AnonymityThresholds.Of(anonymityThreshold));
    }

    /// <param name="commands">The commands the person asking can use.</param>
    /// <param name="kind">Where the card is shown.</param>
    /// <param name="thresholds">The k in force there: the team's, or each led team's in a 1:1 chat.</param>
    public static JsonObject Build(IEnumerable<ICommand> commands, ConversationKind kind, AnonymityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(thresholds);
        var facts = commands
            .DistinctBy(command => command.Name, StringComparer.OrdinalIgnoreCase)
            .Select(command => (command.Name, command.Description));

        return CardParts.Card(
            Summary,
            CardParts.Heading("Here's what I can do"),
            CardParts.Paragraph("I run short anonymous check-ins for your team and send leaders one small habit a week. These are the commands I understand:"),
            CardParts.Facts(facts),
            CardParts.Promise(thresholds),
            CardParts.Hint(kind == ConversationKind.Personal
                ? "Just type a command here."
                : "In a channel or group chat, mention me first, for example **@TrustBot help**."));
    }
}
