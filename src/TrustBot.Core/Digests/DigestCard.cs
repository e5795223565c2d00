using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Cards;
using TrustBot.Core.Questions;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Digests;

/// <summary>
/// The leader's weekly digest, sent only to the leader's private chat: participation, dimension scores with their
/// trend and answers, the anonymous notes, the perception gap, and a box to predict the next score. It shows only
/// what <see cref="DigestBuilder"/> put in the <see cref="Digest"/>, which holds no number below the threshold.
/// </summary>
public static class DigestCard
{
    public const string Summary = "Your weekly team digest";

    /// <summary>Teams refuses messages over about 28 KB; this leaves room for the activity around the card.</summary>
    public const int MaxCardBytes = 24 * 1024;

    /// <summary>What the digest says where a prediction made after results were visible was left out.</summary>
    public const string LatePredictionNote = "Your prediction came after results were visible, so it isn't compared.";

    private const string PredictTitle = "Save my prediction";

    /// <summary>The digest with the prediction box; <paramref name="problem"/> explains why a prediction was refused.</summary>
    public static JsonObject Build(Digest digest, string? problem = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var card = Content(digest);
        card["body"]!.AsArray().Add(PredictionForm(digest, problem));
        return card;
    }

    /// <summary>
    /// The digest after the leader saved a prediction: the box turns into a thank-you, which says so when the guess
    /// came too late to be compared.
    /// </summary>
    public static JsonObject Saved(Digest digest, int predicted, PredictionStanding standing)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var card = Content(digest);
        var guess = string.Create(CultureInfo.InvariantCulture, $"You predicted {predicted} out of 100.");
        card["body"]!.AsArray().Add(standing switch
        {
            PredictionStanding.BeforeResults => Section(
                CardParts.Subheading("Thanks — your prediction is saved"),
                CardParts.Paragraph(guess + " Once enough people have answered the check-in, your digest shows it beside the team's actual score."),
                CardParts.Hint("Only you see your prediction. You can change it until the check-in shows results.")),
            _ => Section(
                CardParts.Subheading("Saved — but this one won't be compared"),
                CardParts.Paragraph(guess + (standing == PredictionStanding.AfterClose
                    ? " That check-in had already closed, so your guess isn't compared with it."
                    : " " + LatePredictionNote)),
                CardParts.Hint("A guess tells you most before you've seen the answers. A prediction you saved before the results still counts; for the next check-in, predict before enough people have answered.")),
        });
        return card;
    }

    /// <summary>A friendly error view (a refused action).</summary>
    public static JsonObject Problem(string message) => ProblemView.Build(Summary, message);

    private static JsonObject Content(Digest digest)
    {
        var body = new List<JsonNode> { CardParts.Heading($"Your weekly digest for {Team(digest.TeamLabel)}") };
        body.AddRange(CheckInPart(digest.CheckIn));
        if (digest.Perception is { } gap)
        {
            body.Add(PerceptionPart(gap, digest.LatePrediction));
        }
        else if (digest.LatePrediction)
        {
            body.Add(Section(
                CardParts.Subheading("Your prediction"),
                CardParts.Paragraph(LatePredictionNote),
                CardParts.Hint("A guess tells you most before you've seen the answers. Try the box below for the next check-in.")));
        }

        var card = CardParts.Card(Summary, [.. body]);
        AddNotes(card, digest.Notes);
        return card;
    }

    private static IEnumerable<JsonNode> CheckInPart(DigestCheckIn? checkIn)
    {
        if (checkIn is null)
        {
            yield return CardParts.Paragraph("No check-in has closed yet, so there are no results to show this week.");
            yield break;
        }

        var k = checkIn.Threshold.ToString(CultureInfo.InvariantCulture);
        if (checkIn.Results is not { } results)
        {
            yield return CardParts.Paragraph(
                $"Fewer than {k} people answered the last check-in, so there are no results to show. Nothing is shown below {k}, to keep every answer anonymous.");
            yield return CardParts.Hint("A friendly word in your next team meeting about why these check-ins matter often helps.");
            yield break;
        }

        yield return CardParts.Paragraph(Participation(results));
        yield return CardParts.Subheading("Scores from the last check-in");
        yield return CardParts.Facts(results.Dimensions.Select(d => (d.Label, DimensionLine(d))));
        var indices = new List<(string, string)>();
        if (results.Safety is { } safety)
        {
            indices.Add(("Psychological safety", IndexLine(safety)));
        }

        if (results.Trust is { } trust)
        {
            indices.Add(("Trust in the team lead", IndexLine(trust)));
        }

        if (indices.Count > 0)
        {
            yield return CardParts.Subheading("Indices");
            yield return CardParts.Facts(indices);
        }

        yield return CardParts.Hint("Scores run from 0 to 100; higher is better. Trends compare with the check-in before, when both had enough answers.");
    }

    private static string Participation(DigestResults results)
    {
        var people = results.Replies.ToString(CultureInfo.InvariantCulture);
        return results.ParticipationPercent is { } percent
            ? string.Create(CultureInfo.InvariantCulture, $"**{percent}%** of the team took part in the last check-in ({people} people).")
            : $"{people} people took part in the last check-in.";
    }

    private static string DimensionLine(DimensionTrend dimension)
    {
        var answers = dimension.Answers == 1 ? "1 answer" : string.Create(CultureInfo.InvariantCulture, $"{dimension.Answers} answers");
        return $"{Score(dimension.Score)}{Change(dimension.Change)} · {answers}";
    }

    private static string IndexLine(IndexTrend index) => Score(index.Score) + Change(index.Change);

    private static string Score(double score) =>
        Math.Round(score, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    private static string Change(double? change)
    {
        if (change is not { } delta)
        {
            return string.Empty;
        }

        var rounded = (int)Math.Round(delta, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            > 0 => string.Create(CultureInfo.InvariantCulture, $" · ▲ {rounded} since last time"),
            < 0 => string.Create(CultureInfo.InvariantCulture, $" · ▼ {-rounded} since last time"),
            _ => " · no change since last time",
        };
    }

    private static JsonObject PerceptionPart(PerceptionGap gap, bool laterGuessLeftOut)
    {
        var index = gap.Index == Instrument.TrustIndex ? "trust" : "psychological safety";
        var predicted = gap.Predicted.ToString(CultureInfo.InvariantCulture);
        var difference = (int)Math.Round(gap.Actual - gap.Predicted, MidpointRounding.AwayFromZero);
        var reading = difference switch
        {
            0 => "Spot on: you read your team well.",
            > 0 => "Your team feels better about this than you expected.",
            _ => "Your team feels less sure about this than you expected: worth a curious, open conversation.",
        };
        var items = new List<JsonNode>
        {
            CardParts.Subheading("Your prediction beside the result"),
            CardParts.Facts([("You predicted", predicted), ($"Actual {index}", Score(gap.Actual))]),
            CardParts.Paragraph(reading),
        };
        if (laterGuessLeftOut)
        {
            items.Add(CardParts.Hint("You changed your guess after results were visible, so this compares the one you made before."));
        }

        return Section([.. items]);
    }

    private static JsonObject PredictionForm(Digest digest, string? problem)
    {
        var items = new List<JsonNode>
        {
            CardParts.Subheading("What will your team's score be next time?"),
            CardParts.Paragraph("Guess the team's psychological-safety score on the next check-in. Only you see your guess; your digest puts it beside the actual score, once enough people have answered. It counts if you save it before results appear."),
            new JsonObject
            {
                ["type"] = "Input.Number",
                ["id"] = DigestVerbs.PredictionInput,
                ["label"] = "Your prediction (0 to 100)",
                ["placeholder"] = "Your guess",
                ["min"] = Prediction.Min,
                ["max"] = Prediction.Max,
                ["isRequired"] = true,
                ["errorMessage"] = "Please enter a whole number from 0 to 100.",
            },
        };
        if (!string.IsNullOrWhiteSpace(problem))
        {
            items.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = problem.Trim(),
                ["color"] = "Attention",
                ["wrap"] = true,
            });
        }

        var action = CardActions.Execute(PredictTitle, DigestVerbs.Predict, DigestVerbs.TeamKey, digest.TeamKey);
        var asOf = digest.AsOf.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        action["data"]![DigestVerbs.AsOf] = asOf;
        action["fallback"]!["data"]![DigestVerbs.AsOf] = asOf;
        items.Add(CardActions.ActionSet(action));
        return Section([.. items]);
    }

    private static void AddNotes(JsonObject card, IReadOnlyList<DigestNoteGroup> groups)
    {
        if (groups.Count == 0)
        {
            return;
        }

        var body = card["body"]!.AsArray();
        body.Add(CardParts.Subheading("What your team said"));
        // One k for the whole hint when the prompts share it (the usual case), else each prompt names its own.
        var thresholds = groups.Select(g => g.Threshold).Distinct().ToList();
        var groupsOf = thresholds.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $" Notes are shared in groups of at least {thresholds[0]}, never one at a time; whatever is left comes when a question closes.")
            : " Notes are shared in groups of at least each question's threshold, never one at a time; whatever is left comes when a question closes.";
        body.Add(CardParts.Hint(
            "Anonymous notes shared this week from speak-up prompts, in random order. Contact details and links were taken out." + groupsOf));

        // Room for the prediction box and the closing hint, whichever they turn out to be.
        var (_, left) = QuotedNotes.AddWithin(
            body,
            groups.Select(g => (
                CardParts.Paragraph(thresholds.Count == 1
                    ? $"_{g.Prompt}_"
                    : string.Create(CultureInfo.InvariantCulture, $"_{g.Prompt}_ (groups of {g.Threshold})")),
                g.Notes.AsEnumerable())),
            MaxCardBytes - QuotedNotes.Size(card) - 3 * 1024);

        if (left > 0)
        {
            body.Add(CardParts.Hint(left == 1
                ? "One more note did not fit here; send me **notes** to read them all."
                : string.Create(CultureInfo.InvariantCulture, $"{left} more notes did not fit here; send me **notes** to read them all.")));
        }
    }

    private static JsonObject Section(params JsonNode[] items) => new()
    {
        ["type"] = "Container",
        ["separator"] = true,
        ["spacing"] = "Large",
        ["items"] = new JsonArray(items),
    };

    private static string Team(string teamLabel) => string.IsNullOrWhiteSpace(teamLabel) ? "your team" : teamLabel.Trim();
}
