using System.Text.Json.Nodes;
using TrustBot.Core.Habits;
using TrustBot.Core.Nudges;
using TrustBot.Testing.Schemas;
using static TrustBot.Core.Tests.Cards.CardInspection;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgeCardTests
{
    private const string NudgeId = "ng-5c1e7a90";

    private static readonly Habit Sample = new(
        "share-a-mistake",
        HabitStrategies.LeadingByExample,
        ["ps-mistakes"],
        "Share a mistake you made",
        "In your next team meeting, tell one mistake you made recently and what you learned from it.",
        "When the leader goes first, admitting a mistake stops being risky for everyone else.",
        10);

    public static TheoryData<string> Views() => ["build", "build-no-streak", "done", "done-no-streak", "snoozed", "not-for-me"];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_ValidatesAgainstAdaptiveCard15Schema(string view)
    {
        var errors = await AdaptiveCardSchema.ValidateAsync(Build(view));

        Assert.True(errors.Count == 0, AdaptiveCardSchema.Describe(errors));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void View_IsVersion15WithSchemaSummaryAndBelow28KB(string view)
    {
        var card = Build(view);

        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        Assert.Equal(NudgeCard.Summary, (string?)card["fallbackText"]);
        Assert.InRange(Bytes(card), 1, MaxCardBytes - 1);
    }

    [Fact]
    public void Build_HasFourExecuteActionsWithVerbsNudgeIdAndSubmitFallbacks()
    {
        var card = NudgeCard.Build(NudgeId, Sample, "Platform Team", 2);

        var set = Assert.Single(Elements(card, "ActionSet"));
        var actions = set["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(
            [NudgeVerbs.Done, NudgeVerbs.RemindTomorrow, NudgeVerbs.Another, NudgeVerbs.NotForMe],
            actions.Select(a => (string?)a["verb"]));
        Assert.Equal(["nudge.done", "nudge.tomorrow", "nudge.another", "nudge.notforme"], actions.Select(a => (string?)a["verb"]));
        Assert.Equal(["Done it", "Remind me tomorrow", "Give me another", "Not for me"], actions.Select(a => (string?)a["title"]));
        Assert.All(actions, action =>
        {
            Assert.Equal("Action.Execute", (string?)action["type"]);
            Assert.True(JsonNode.DeepEquals(new JsonObject { ["nudgeId"] = NudgeId }, action["data"]));
            var fallback = action["fallback"]!.AsObject();
            Assert.Equal("Action.Submit", (string?)fallback["type"]);
            Assert.True(JsonNode.DeepEquals(new JsonObject { ["verb"] = (string?)action["verb"], ["nudgeId"] = NudgeId }, fallback["data"]));
        });
        Assert.Null(card["actions"]);
    }

    [Fact]
    public void Build_ShowsStrategyTitleActionWhyMinutesAndTeam()
    {
        var texts = Texts(NudgeCard.Build(NudgeId, Sample, "Platform Team", 0)).ToList();

        Assert.Equal("Leading by example", texts[0]);
        Assert.Contains(Sample.Title, texts);
        Assert.Contains(Sample.Action, texts);
        Assert.Contains("Why it works", texts);
        Assert.Contains(Sample.Why, texts);
        Assert.Contains(texts, t => t.Contains("About 10 minutes", StringComparison.Ordinal) && t.Contains("Platform Team", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "🔥 Streak: 1 habit done")]
    [InlineData(3, "🔥 Streak: 3 habits done in a row")]
    public void Build_PositiveStreak_ShowsStreakLine(int streak, string expected)
    {
        Assert.Contains(expected, Texts(NudgeCard.Build(NudgeId, Sample, "Platform Team", streak)));
        Assert.Contains(expected, Texts(NudgeCard.Done(Sample, streak)));
    }

    [Fact]
    public void Build_ZeroStreak_ShowsNoStreakLine()
    {
        Assert.DoesNotContain(Texts(NudgeCard.Build(NudgeId, Sample, "Platform Team", 0)), t => t.Contains("Streak", StringComparison.Ordinal));
        Assert.DoesNotContain(Texts(NudgeCard.Done(Sample, 0)), t => t.Contains("Streak", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("done")]
    [InlineData("done-no-streak")]
    [InlineData("snoozed")]
    [InlineData("not-for-me")]
    public void View_AfterAnAnswer_HasNoActions(string view)
    {
        var card = Build(view);

        Assert.Empty(Elements(card, "ActionSet"));
        Assert.Empty(Elements(card, "Action.Execute"));
        Assert.Empty(Elements(card, "Action.Submit"));
        Assert.Null(card["actions"]);
        Assert.DoesNotContain(NudgeId, card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Snoozed_SaysItWillRemindTomorrow()
    {
        Assert.Contains("I'll remind you tomorrow", Texts(NudgeCard.Snoozed(Sample)));
    }

    [Fact]
    public void NotForMe_SaysItWontSuggestItAgain()
    {
        Assert.Contains("Got it — I won't suggest this one again", Texts(NudgeCard.NotForMe(Sample)));
    }

    [Fact]
    public void Build_EveryLibraryHabit_ValidatesWithAKnownStrategyTitle()
    {
        foreach (var habit in HabitLibrary.Default.Habits)
        {
            var first = Texts(NudgeCard.Build(NudgeId, habit, "Platform Team", 4)).First();
            Assert.NotEqual("Leader habit", first);
            Assert.InRange(Bytes(NudgeCard.Build(NudgeId, habit, "Platform Team", 4)), 1, MaxCardBytes - 1);
        }
    }

    [Fact]
    public void Build_NegativeStreak_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NudgeCard.Build(NudgeId, Sample, "Platform Team", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NudgeCard.Done(Sample, -1));
    }

    internal static JsonObject Build(string view) => view switch
    {
        "build" => NudgeCard.Build(NudgeId, Sample, "Platform Team", 3),
        "build-no-streak" => NudgeCard.Build(NudgeId, Sample, "Platform Team", 0),
        "done" => NudgeCard.Done(Sample, 4),
        "done-no-streak" => NudgeCard.Done(Sample, 0),
        "snoozed" => NudgeCard.Snoozed(Sample),
        "not-for-me" => NudgeCard.NotForMe(Sample),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, null),
    };
}
