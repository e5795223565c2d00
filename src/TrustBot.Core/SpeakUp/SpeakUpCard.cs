using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;

namespace TrustBot.Core.SpeakUp;

/// <summary>The views of a speak-up card: the question with a text box, and what each person sees afterwards.</summary>
public static class SpeakUpCard
{
    public const string Summary = "Speak up";

    private const string SendTitle = "Send anonymously";

    /// <summary>The question with a text box; also the shared card in the channel.</summary>
    public static JsonObject Ask(SpeakUpSession session, SpeakUpPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prompt);
        var card = CardParts.Card(
            Summary,
            CardParts.Heading("Speak up"),
            Question(prompt),
            new JsonObject
            {
                ["type"] = "Input.Text",
                ["id"] = CardData.NoteInput,
                ["isMultiline"] = true,
                ["maxLength"] = NoteScrubber.MaxLength,
                ["label"] = "Your answer",
                ["placeholder"] = "Say as much or as little as you like.",
                ["isRequired"] = true,
                ["errorMessage"] = "Write a few words first.",
            },
            CardParts.Hint(
                "Notes are shared without names, with contact details and links taken out, in random order and in groups "
                + $"of at least {Threshold(session)}, never one at a time. {CardActions.Closes(session.ClosesAt)}"),
            CardActions.ActionSet(CardActions.Execute(SendTitle, CardVerbs.SpeakUpSubmit, CardData.SessionId, session.SessionId)));
        return WithRefresh(card, session);
    }

    /// <summary>The view for someone who just sent a note.</summary>
    public static JsonObject Thanks(SpeakUpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var card = CardParts.Card(
            Summary,
            CardParts.Heading("Thanks — your note is on its way."),
            CardParts.Paragraph(
                $"It is stored without your name, and shared with others in a group of at least {Threshold(session)} notes (the last ones when the question closes)."),
            CardParts.Hint("Speaking up takes courage. It helps the whole team."));
        return WithRefresh(card, session);
    }

    /// <summary>The view for someone who has already sent a note for this prompt.</summary>
    public static JsonObject AlreadyAnswered(SpeakUpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var card = CardParts.Card(
            Summary,
            CardParts.Heading("You've already answered this one"),
            CardParts.Paragraph("One note per person keeps things fair. Your note is stored without your name."),
            CardParts.Hint("There will be another question soon."));
        return WithRefresh(card, session);
    }

    /// <summary>The final state, once the prompt no longer takes notes.</summary>
    public static JsonObject Closed(SpeakUpSession session, SpeakUpPrompt? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var body = new List<JsonNode> { CardParts.Heading("This question has closed") };
        if (prompt is not null)
        {
            body.Add(Question(prompt));
        }

        body.Add(CardParts.Paragraph(
            $"Thank you to everyone who answered. Notes are shared without names, in groups of at least {Threshold(session)}; "
            + "what is left is shared shortly after closing, if at least that many answered in all."));
        return CardParts.Card(Summary, [.. body]);
    }

    /// <summary>
    /// The view while storage cannot be reached: a note was not sent (or, for a refresh, nothing can be shown), and
    /// "Try again" asks for the person's view afresh.
    /// </summary>
    public static JsonObject StorageUnavailable(string? sessionId, bool noteSent)
    {
        var retry = StorageOutageViews.TryAgain(CardVerbs.SpeakUpRefresh, CardData.SessionId, sessionId);
        var card = noteSent
            ? StorageOutageViews.NotSaved(Summary, "Your note was not sent", retry)
            : StorageOutageViews.CannotShow(Summary, retry);
        if (retry is not null)
        {
            card["refresh"] = CardActions.Refresh(CardVerbs.SpeakUpRefresh, CardData.SessionId, sessionId!);
        }

        return card;
    }

    /// <summary>A friendly error view (a refused or failed action).</summary>
    public static JsonObject Problem(string message) => ProblemView.Build(Summary, message);

    private static string Threshold(SpeakUpSession session) =>
        AnonymityThresholds.EffectiveThreshold(session.Threshold).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Question(SpeakUpPrompt prompt) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = prompt.Text,
        ["size"] = "Medium",
        ["weight"] = "Bolder",
        ["wrap"] = true,
    };

    private static JsonObject WithRefresh(JsonObject card, SpeakUpSession session)
    {
        card["refresh"] = CardActions.Refresh(CardVerbs.SpeakUpRefresh, CardData.SessionId, session.SessionId);
        return card;
    }
}
