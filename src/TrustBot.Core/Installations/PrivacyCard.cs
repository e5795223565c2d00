using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Messaging;

namespace TrustBot.Core.Installations;

/// <summary>
/// The short privacy notice posted on install (and by <c>privacy</c>): what TrustBot stores, what it never stores,
/// and who can see what, in plain words.
/// </summary>
public static class PrivacyCard
{
    public const string Summary = "TrustBot and your privacy";

    /// <summary>What anyone sees of a check-in before it reaches k; the README and the check-in card say the same.</summary>
    public const string BelowThreshold =
        "**Before that:** only how many people have replied so far. No answer, distribution or score is shown to anyone.";

    /// <param name="kind">Where the notice is shown; a personal chat gets the leader's view.</param>
    /// <param name="anonymityThreshold">The k in force where the notice is shown.</param>
    /// <param name="notesKeptFor">How long anonymous notes are kept before they are deleted.</param>
    /// <param name="removalGracePeriod">How long a removed team's data is kept in case TrustBot comes back.</param>
    public static JsonObject Build(ConversationKind kind, int anonymityThreshold, TimeSpan notesKeptFor, TimeSpan removalGracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(anonymityThreshold, CardParts.MinimumAnonymityThreshold);
        return Build(kind, AnonymityThresholds.Of(anonymityThreshold), notesKeptFor, removalGracePeriod);
    }

    /// <param name="kind">Where the notice is shown; a personal chat gets the leader's view.</param>
    /// <param name="thresholds">The k in force there: the team's, or each led team's in a 1:1 chat.</param>
    /// <param name="notesKeptFor">How long anonymous notes are kept before they are deleted.</param>
    /// <param name="removalGracePeriod">How long a removed team's data is kept in case TrustBot comes back.</param>
    public static JsonObject Build(ConversationKind kind, AnonymityThresholds thresholds, TimeSpan notesKeptFor, TimeSpan removalGracePeriod)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var place = kind == ConversationKind.GroupChat ? "chat" : "team";
        return CardParts.Card(
            Summary,
            CardParts.Heading("Your privacy with TrustBot"),
            CardParts.Paragraph($"Before anyone answers, here is exactly what I keep about this {place} and who can see it."),
            CardParts.Promise(thresholds),
            CardParts.Subheading("What I store"),
            Bullets([
                "How many people gave each answer to each check-in statement, with no name attached.",
                $"The anonymous notes people choose to write, for {Days(notesKeptFor)}; then they are deleted.",
                $"The {place}'s settings, who leads it, and the private chat I use to reach each leader.",
                "Each leader's weekly habits, how they marked them, and their own predictions.",
            ]),
            CardParts.Subheading("What I never store"),
            Bullets([
                "Who gave which answer, or who wrote which note.",
                "A list of who answered or who didn't. While a check-in is open I keep a scrambled mark so nobody answers twice; it becomes meaningless when the check-in closes.",
                "Anything you write to me other than the notes you send on purpose.",
            ]),
            CardParts.Subheading("Who sees what"),
            Bullets([
                $"**Everyone here:** the {place}'s combined results, once {thresholds.People} have answered.",
                BelowThreshold,
                "**After that:** results change only in steps of at least that many new answers (or at the close), never one answer at a time, so watching the card while someone answers tells nothing.",
                "**Leaders:** the same results and the weekly digest.",
                $"**Anonymous notes** reach leaders (and the channel, if the {place} chose so) in random order and in groups from "
                + $"{thresholds.People}, never one at a time; when a question closes, whatever is left is shared too, if that many wrote in all.",
                "**Nobody**, leaders and IT admins included, can see how one person answered.",
            ]),
            CardParts.Hint(
                $"If TrustBot is removed from the {place}, everything I stored about it is deleted {Days(removalGracePeriod)} later "
                + "(adding me back before then keeps it). Type **privacy** to see this again."));
    }

    // One text block per point: markdown lists are clipped by some card renderers.
    private static JsonObject Bullets(string[] points) => new()
    {
        ["type"] = "Container",
        ["items"] = new JsonArray([.. points.Select(point => (JsonNode)new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = "\u2022 " + point,
            ["wrap"] = true,
            ["spacing"] = "Small",
        })]),
    };

    private static string Days(TimeSpan span)
    {
        var days = Math.Max(1, (int)Math.Round(span.TotalDays, MidpointRounding.AwayFromZero));
        return days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";
    }
}
