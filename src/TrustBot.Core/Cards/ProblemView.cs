using System.Text.Json.Nodes;

namespace TrustBot.Core.Cards;

/// <summary>The friendly card shown when an action cannot be done: a short reason, never a stack trace or an id.</summary>
internal static class ProblemView
{
    private const int MaxMessageLength = 300;

    public static JsonObject Build(string summary, string message)
    {
        var text = string.IsNullOrWhiteSpace(message) ? "Something went wrong on our side." : message.Trim();
        if (text.Length > MaxMessageLength)
        {
            text = text[..MaxMessageLength].TrimEnd() + "…";
        }

        return CardParts.Card(
            summary,
            CardParts.Heading("That didn't work"),
            CardParts.Paragraph(text),
            CardParts.Hint("Please try again in a moment. If it keeps happening, let whoever set up TrustBot for your team know."));
    }
}
