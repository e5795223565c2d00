using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Core.Cards;
using TrustBot.Core.Habits;

namespace TrustBot.Core.Nudges;

/// <summary>
/// The views of the leader's weekly habit nudge. It goes only to the leader's private chat, so it may show the
/// leader's own streak; it never shows anything about the team's answers.
/// </summary>
public static class NudgeCard
{
    public const string Summary = "Your habit for this week";

    /// <summary>The nudge itself: the habit, why it works, and the four ways to answer it.</summary>
    public static JsonObject Build(string nudgeId, Habit habit, string teamLabel, int streak)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nudgeId);
        ArgumentNullException.ThrowIfNull(habit);
        ArgumentOutOfRangeException.ThrowIfNegative(streak);

        var team = string.IsNullOrWhiteSpace(teamLabel) ? "your team" : teamLabel.Trim();
        var body = new List<JsonNode>
        {
            StrategyLabel(habit.Strategy),
            CardParts.Heading(habit.Title),
            CardParts.Paragraph(habit.Action),
            CardParts.Subheading("Why it works"),
            CardParts.Paragraph(habit.Why),
            CardParts.Hint($"About {Minutes(habit.Minutes)} · for {team}"),
        };
        if (streak > 0)
        {
            body.Add(StreakLine(streak));
        }

        body.Add(CardActions.ActionSet(
            CardActions.Execute("Done it", NudgeVerbs.Done, NudgeVerbs.NudgeId, nudgeId),
            CardActions.Execute("Remind me tomorrow", NudgeVerbs.RemindTomorrow, NudgeVerbs.NudgeId, nudgeId),
            CardActions.Execute("Give me another", NudgeVerbs.Another, NudgeVerbs.NudgeId, nudgeId),
            CardActions.Execute("Not for me", NudgeVerbs.NotForMe, NudgeVerbs.NudgeId, nudgeId)));
        return CardParts.Card(Summary, [.. body]);
    }

    /// <summary>The card after "Done it": thanks and the streak, with nothing left to press.</summary>
    public static JsonObject Done(Habit habit, int streak)
    {
        ArgumentNullException.ThrowIfNull(habit);
        ArgumentOutOfRangeException.ThrowIfNegative(streak);

        var body = new List<JsonNode>
        {
            CardParts.Heading("Nice work — done!"),
            CardParts.Paragraph($"Thanks for trying \"{habit.Title}\". Small habits like this are how trust grows."),
        };
        if (streak > 0)
        {
            body.Add(StreakLine(streak));
        }

        body.Add(CardParts.Hint("Your next habit arrives next week."));
        return CardParts.Card(Summary, [.. body]);
    }

    /// <summary>The card after "Remind me tomorrow".</summary>
    public static JsonObject Snoozed(Habit habit)
    {
        ArgumentNullException.ThrowIfNull(habit);
        return CardParts.Card(
            Summary,
            CardParts.Heading("I'll remind you tomorrow"),
            CardParts.Paragraph($"\"{habit.Title}\" will be back in this chat tomorrow."));
    }

    /// <summary>The card after "Not for me": the habit is not suggested again.</summary>
    public static JsonObject NotForMe(Habit habit)
    {
        ArgumentNullException.ThrowIfNull(habit);
        return CardParts.Card(
            Summary,
            CardParts.Heading("Got it — I won't suggest this one again"),
            CardParts.Paragraph($"\"{habit.Title}\" is off your list. Next week brings a different habit."));
    }

    /// <summary>A nudge the leader swapped with "Give me another", seen again on a stale copy of the card.</summary>
    public static JsonObject Replaced(Habit habit)
    {
        ArgumentNullException.ThrowIfNull(habit);
        return CardParts.Card(
            Summary,
            CardParts.Heading("You swapped this habit"),
            CardParts.Paragraph($"\"{habit.Title}\" was replaced by another habit in this chat."));
    }

    private static string Minutes(int minutes) =>
        minutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes");

    // Counts habits the leader marked done in a row, not calendar weeks: a snoozed week may still end in "Done it".
    private static JsonObject StreakLine(int streak) => CardParts.Paragraph(streak == 1
        ? "🔥 Streak: 1 habit done"
        : string.Create(CultureInfo.InvariantCulture, $"🔥 Streak: {streak} habits done in a row"));

    private static JsonObject StrategyLabel(string strategy) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = StrategyTitle(strategy),
        ["isSubtle"] = true,
        ["size"] = "Small",
        ["weight"] = "Bolder",
        ["wrap"] = true,
    };

    private static string StrategyTitle(string strategy) => strategy switch
    {
        HabitStrategies.LeadingByExample => "Leading by example",
        HabitStrategies.OpenCommunication => "Open communication",
        HabitStrategies.ClearNorms => "Clear norms",
        HabitStrategies.LearningFromFailure => "Learning from failure",
        HabitStrategies.InclusivePractices => "Inclusive practices",
        HabitStrategies.ConstructiveConflict => "Constructive conflict",
        HabitStrategies.AddressingResistance => "Addressing resistance",
        HabitStrategies.SustainingMomentum => "Sustaining momentum",
        _ => "Leader habit",
    };
}
