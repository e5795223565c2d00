using System.Text.Json.Nodes;
using TrustBot.Core.Cards;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Installations;

/// <summary>The card TrustBot posts once, when it is added somewhere new.</summary>
public static class WelcomeCard
{
    public const string Summary = "Hello from TrustBot";

    private const string Purpose =
        "I help teams build trust and feel safe to speak up, a few small moments at a time. "
        + "I post short check-in questions for the team and give leaders one small habit to practise each week.";

    public static JsonObject Build(ConversationKind kind, int anonymityThreshold = CardParts.DefaultAnonymityThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(anonymityThreshold, CardParts.MinimumAnonymityThreshold);
        return CardParts.Card(
            Summary,
            CardParts.Heading("Hello, I'm TrustBot"),
            CardParts.Paragraph(Purpose),
            CardParts.Promise(anonymityThreshold),
            CardParts.Subheading("What happens next"),
            CardParts.Paragraph(NextSteps(kind)),
            CardParts.Hint(HelpHint(kind)));
    }

    private static string NextSteps(ConversationKind kind) => kind switch
    {
        ConversationKind.Channel =>
            "A weekly check-in will appear in this channel. Whoever added me is the team's first leader: "
            + "I'm starting a private chat with them with a short introduction, and their weekly habit and the team digest will come there.",
        // Check-ins, leaders and their private chats belong to teams; a group chat gets none of them.
        ConversationKind.GroupChat =>
            "Check-ins and leaders belong to teams, so nothing is scheduled in this chat. "
            + "To start, add me to one of your team's channels: whoever adds me there becomes the team's first leader.",
        ConversationKind.Personal =>
            "This chat is where leaders get their weekly habit and the team digest. "
            + "If you lead a team, add me to one of its channels and the check-ins will start there.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown conversation kind."),
    };

    private static string HelpHint(ConversationKind kind) => kind == ConversationKind.Personal
        ? "Type **help** any time to see what I can do."
        : "Mention me with **@TrustBot help** any time to see what I can do.";
}
