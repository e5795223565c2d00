using System.Text.Json.Nodes;

namespace TrustBot.Core.Cards;

/// <summary>
/// What a person sees while storage cannot be reached: a short reply to a message, or a card in place of the one they
/// pressed a button on. Both say plainly that nothing was saved, and a card offers a way back once storage answers.
/// </summary>
public static class StorageOutageViews
{
    /// <summary>The reply to a message that needed storage.</summary>
    public const string MessageReply = "I can't reach my storage right now — please try again in a minute.";

    public const string TryAgainTitle = "Try again";

    /// <summary>The fallback text of a card that belongs to no feature in particular.</summary>
    public const string Summary = "TrustBot";

    // Installation keys (team ids) are the longest ids a card carries; Teams keeps them well under this.
    private const int MaxEchoedLength = 256;

    private const string Explanation = "I can't reach my storage right now, so nothing was saved. Please try again in a minute.";

    private const string ReadExplanation = "I can't reach my storage right now, so I can't show this. Please try again in a minute.";

    /// <summary>
    /// The card after an action that would have saved something: <paramref name="heading"/> says what was not saved
    /// (for example "Your answer was not saved"); <paramref name="retry"/>, when given, is the button that tries again.
    /// </summary>
    public static JsonObject NotSaved(string summary, string heading, JsonObject? retry) =>
        Build(summary, heading, Explanation, retry);

    /// <summary>The card for an action nothing more is known about: nothing was saved, and there is no button.</summary>
    public static JsonObject NothingSaved() => Build(Summary, "Nothing was saved", Explanation, retry: null);

    /// <summary>The card after an action that only wanted to show something (a refresh).</summary>
    public static JsonObject CannotShow(string summary, JsonObject? retry) =>
        Build(summary, "I can't reach my storage right now", ReadExplanation, retry);

    /// <summary>
    /// A "Try again" button that sends <paramref name="verb"/> with <paramref name="data"/> again, or null when a value
    /// is missing or longer than any id of ours: card data is untrusted, and only what looks like our own ids is echoed.
    /// </summary>
    public static JsonObject? TryAgain(string verb, IReadOnlyDictionary<string, string?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in data)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxEchoedLength)
            {
                return null;
            }

            values[key] = value;
        }

        return CardActions.Execute(TryAgainTitle, verb, values);
    }

    /// <summary>A "Try again" button for a verb whose data is one id; null when the id is unusable.</summary>
    public static JsonObject? TryAgain(string verb, string idKey, string? idValue) =>
        TryAgain(verb, new Dictionary<string, string?> { [idKey] = idValue });

    private static JsonObject Build(string summary, string heading, string explanation, JsonObject? retry)
    {
        var body = new List<JsonNode>
        {
            CardParts.Heading(heading),
            CardParts.Paragraph(explanation),
        };
        if (retry is not null)
        {
            body.Add(CardActions.ActionSet(retry));
        }

        return CardParts.Card(summary, [.. body]);
    }
}
