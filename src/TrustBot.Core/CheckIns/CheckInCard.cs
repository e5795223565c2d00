using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Anonymity;
using TrustBot.Core.Cards;
using TrustBot.Core.Questions;

namespace TrustBot.Core.CheckIns;

/// <summary>
/// The views of a check-in card. Only <see cref="Results"/> and <see cref="Closed"/> show anything derived from
/// answers, and both refuse results below the check-in's threshold; the other views show at most the reply count.
/// </summary>
public static class CheckInCard
{
    public const string Summary = "Team check-in";

    private const string SendTitle = "Send anonymously";

    /// <summary>The card for someone who has not answered yet; also the shared card in the channel. Each statement offers its own scale's points.</summary>
    public static JsonObject Ask(CheckIn checkIn, IReadOnlyList<Statement> statements, int replies)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentOutOfRangeException.ThrowIfNegative(replies);
        if (statements.Count == 0)
        {
            throw new ArgumentException("A check-in card needs at least one statement.", nameof(statements));
        }

        var k = Threshold(checkIn);
        var body = new List<JsonNode>
        {
            CardParts.Heading("Quick team check-in"),
            CardParts.Paragraph(statements.Count == 1
                ? "How much do you agree with this statement? One tap, and it's anonymous."
                : "How much do you agree with each statement? A few taps, and it's anonymous."),
        };

        for (var i = 0; i < statements.Count; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            body.Add(CardParts.Subheading(statements[i].Text));
            body.Add(Choices(statements[i], statements.Count == 1 ? "Your answer" : $"Your answer to statement {number}"));
        }

        body.Add(CardParts.Hint($"{Progress(replies, k)} {CardActions.Closes(checkIn.ClosesAt)}"));
        body.Add(CardParts.Promise(k));
        body.Add(CardActions.ActionSet(CardActions.Execute(SendTitle, CardVerbs.CheckInVote, CardData.CheckInId, checkIn.CheckInId)));
        return WithRefresh(CardParts.Card(Summary, [.. body]), checkIn);
    }

    /// <summary>The view for someone who has answered, while results are not open yet. It shows no numbers but n and k.</summary>
    public static JsonObject Answered(CheckIn checkIn, int replies)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentOutOfRangeException.ThrowIfNegative(replies);
        var card = CardParts.Card(
            Summary,
            CardParts.Heading("Thanks — your answer is anonymous."),
            CardParts.Paragraph(Progress(replies, Threshold(checkIn))),
            CardParts.Hint($"{Steps(Threshold(checkIn))} Yours joins the count at an update. Nobody, leaders included, can see who answered or what."));
        return WithRefresh(card, checkIn);
    }

    /// <summary>The results so far, once replies reached the threshold.</summary>
    /// <exception cref="ArgumentException">The results have fewer replies than the check-in's threshold.</exception>
    public static JsonObject Results(CheckIn checkIn, CheckInResults results)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var k = RequireOpenResults(checkIn, results);
        var body = new List<JsonNode>
        {
            CardParts.Heading("Check-in results so far"),
            CardParts.Paragraph($"{CardActions.Replies(results.Replies)} so far. Scores run from 0 to 100, and higher is better."),
        };
        body.AddRange(ResultBlocks(checkIn, results, k));
        body.Add(CardParts.Hint($"{Steps(k)} {CardActions.Closes(checkIn.ClosesAt)}"));
        return WithRefresh(CardParts.Card(Summary, [.. body]), checkIn);
    }

    /// <summary>The final state: the results, or the statement that there were too few replies to show any.</summary>
    public static JsonObject Closed(CheckIn checkIn, CheckInResults? results)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var k = Threshold(checkIn);
        if (results is null)
        {
            return CardParts.Card(
                Summary,
                CardParts.Heading("This check-in has closed"),
                CardParts.Paragraph($"Not enough replies to show results — nothing is shown below {k.ToString(CultureInfo.InvariantCulture)} replies, to keep answers anonymous."),
                CardParts.Hint("Thank you to everyone who took part. The next check-in will come along soon."));
        }

        RequireOpenResults(checkIn, results);
        var body = new List<JsonNode>
        {
            CardParts.Heading("Final check-in results"),
            CardParts.Paragraph($"This check-in has closed. {CardActions.Replies(results.Replies)} in total. Scores run from 0 to 100, and higher is better."),
        };
        body.AddRange(ResultBlocks(checkIn, results, k));
        body.Add(CardParts.Hint("Thank you to everyone who took part."));
        return CardParts.Card(Summary, [.. body]);
    }

    /// <summary>
    /// The view after a vote whose ballot is stored but whose count could not be read (storage went away in between):
    /// the thanks is true, so it is given, just without the count.
    /// </summary>
    public static JsonObject AnsweredWithoutCount(CheckIn checkIn)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var card = CardParts.Card(
            Summary,
            CardParts.Heading("Thanks — your answer is anonymous."),
            CardParts.Paragraph("I can't show how many people have answered just now. Your answer joins the count at the next update."),
            CardParts.Hint("Nobody, leaders included, can see who answered or what."));
        return WithRefresh(card, checkIn);
    }

    /// <summary>
    /// The view while storage cannot be reached: a vote was not saved (or, for a refresh, nothing can be shown), and
    /// "Try again" asks for the person's view afresh: the question, or their answered view if the vote did land.
    /// </summary>
    public static JsonObject StorageUnavailable(string? checkInId, bool answerSent)
    {
        var retry = StorageOutageViews.TryAgain(CardVerbs.CheckInRefresh, CardData.CheckInId, checkInId);
        var card = answerSent
            ? StorageOutageViews.NotSaved(Summary, "Your answer was not saved", retry)
            : StorageOutageViews.CannotShow(Summary, retry);
        if (retry is not null)
        {
            // Teams refreshes the card when it is next shown, so once storage answers the person sees the question again.
            card["refresh"] = CardActions.Refresh(CardVerbs.CheckInRefresh, CardData.CheckInId, checkInId!);
        }

        return card;
    }

    /// <summary>A friendly error view (a refused or failed action).</summary>
    public static JsonObject Problem(string message) => ProblemView.Build(Summary, message);

    private static int Threshold(CheckIn checkIn) => AnonymityThresholds.EffectiveThreshold(checkIn.Threshold);

    /// <summary>Why the figures do not move with every vote: they change only by a group of at least k, or at close.</summary>
    private static string Steps(int k) =>
        $"Results update every {k.ToString(CultureInfo.InvariantCulture)} replies or more, never one by one, and once more at close.";

    private static string Progress(int replies, int k)
    {
        var threshold = k.ToString(CultureInfo.InvariantCulture);
        return replies < k
            ? $"{CardActions.Replies(replies)} so far; results appear at {threshold}."
            : $"{CardActions.Replies(replies)} so far; that's enough to show results.";
    }

    private static int RequireOpenResults(CheckIn checkIn, CheckInResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var k = Threshold(checkIn);

        // A second lock on the gate: a card never shows results below the threshold, whoever built them.
        if (results.Replies < k || results.Statements.Any(s => s.Answers < k))
        {
            throw new ArgumentException("Results below the anonymity threshold are never shown.", nameof(results));
        }

        return k;
    }

    private static JsonObject Choices(Statement statement, string label) => new()
    {
        ["type"] = "Input.ChoiceSet",
        ["id"] = CardData.AnswerInput(statement.Id),
        ["style"] = "expanded",
        ["label"] = label,
        ["isRequired"] = true,
        ["errorMessage"] = "Please pick an answer.",
        ["choices"] = new JsonArray([.. Enumerable.Range(1, statement.Scale.Points).Select(value => (JsonNode)new JsonObject
        {
            ["title"] = statement.Scale.Label(value),
            ["value"] = value.ToString(CultureInfo.InvariantCulture),
        })]),
    };

    private static IEnumerable<JsonNode> ResultBlocks(CheckIn checkIn, CheckInResults results, int k)
    {
        foreach (var result in results.Statements)
        {
            yield return StatementBlock(result);
        }

        var hidden = checkIn.StatementIds.Count(id => results.Statements.All(r => r.Statement.Id != id));
        if (hidden > 0)
        {
            var threshold = k.ToString(CultureInfo.InvariantCulture);
            yield return CardParts.Hint(hidden == 1
                ? $"One statement had fewer than {threshold} answers, so it stays hidden to keep answers anonymous."
                : $"{hidden.ToString(CultureInfo.InvariantCulture)} statements had fewer than {threshold} answers, so they stay hidden to keep answers anonymous.");
        }

        // One key per scale shown, so a yes/no statement is not read as if 2 meant "disagree".
        foreach (var scale in results.Statements.Select(r => r.Statement.Scale).DistinctBy(scale => scale.Kind, StringComparer.Ordinal))
        {
            var points = scale.Points.ToString(CultureInfo.InvariantCulture);
            yield return CardParts.Hint(
                $"Each column counts the answers from 1 ({scale.Label(1).ToLowerInvariant()}) to {points} ({scale.Label(scale.Points).ToLowerInvariant()}).");
        }
    }

    private static JsonObject StatementBlock(StatementResult result)
    {
        var score = Math.Round(result.Score, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
        var answers = result.Answers == 1 ? "1 answer" : $"{result.Answers.ToString(CultureInfo.InvariantCulture)} answers";
        var items = new JsonArray
        {
            CardParts.Subheading(result.Statement.Label),
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = result.Statement.Text,
                ["isSubtle"] = true,
                ["wrap"] = true,
                ["spacing"] = "None",
            },
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = $"Score **{score}** out of 100 · {answers}",
                ["wrap"] = true,
            },
            Distribution(result.Distribution),
        };
        if (result.Statement.Reverse)
        {
            items.Add(CardParts.Hint("Agreeing with this one means less safety, so its score counts the answers the other way round."));
        }

        return new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["spacing"] = "Medium",
            ["items"] = items,
        };
    }

    private static JsonObject Distribution(IReadOnlyList<int> counts) => new()
    {
        ["type"] = "ColumnSet",
        ["columns"] = new JsonArray([.. counts.Select((count, i) => (JsonNode)new JsonObject
        {
            ["type"] = "Column",
            ["width"] = "stretch",
            ["items"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = count.ToString(CultureInfo.InvariantCulture),
                    ["weight"] = "Bolder",
                    ["horizontalAlignment"] = "Center",
                },
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = (i + 1).ToString(CultureInfo.InvariantCulture),
                    ["isSubtle"] = true,
                    ["size"] = "Small",
                    ["spacing"] = "None",
                    ["horizontalAlignment"] = "Center",
                },
            },
        })]),
    };

    private static JsonObject WithRefresh(JsonObject card, CheckIn checkIn)
    {
        card["refresh"] = CardActions.Refresh(CardVerbs.CheckInRefresh, CardData.CheckInId, checkIn.CheckInId);
        return card;
    }
}
