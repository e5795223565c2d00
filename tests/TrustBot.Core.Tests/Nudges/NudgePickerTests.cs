using TrustBot.Core.Nudges;
using static TrustBot.Core.Tests.Scheduling.Instants;

namespace TrustBot.Core.Tests.Nudges;

public sealed class NudgePickerTests
{
    private static readonly DateTimeOffset Now = At("2026-11-30T08:00:00Z");

    private static readonly HabitCandidate[] Library =
    [
        new("s-2", "safety", ["safety", "clarity"]),
        new("a-1", "appreciate", ["recognition"]),
        new("c-2", "clarity", ["clarity"]),
        new("s-1", "safety", ["safety"]),
        new("c-1", "clarity", ["clarity"]),
    ];

    private static readonly DimensionScore[] Scores =
    [
        new("clarity", 60, 12),
        new("recognition", 70, 12),
        new("safety", 40, 12),
    ];

    private static NudgeHistoryEntry Sent(string habitId, TimeSpan ago, NudgeResponse response = NudgeResponse.Done) =>
        new(habitId, Now - ago, response);

    [Fact]
    public void Pick_WithScores_ChoosesFirstHabitOfWeakestDimension()
    {
        Assert.Equal("s-1", NudgePicker.Pick(Library, Scores, [], Now, rotationIndex: 0));
    }

    [Fact]
    public void Pick_HabitMarkedNotForMeLongAgo_IsNeverChosen()
    {
        NudgeHistoryEntry[] history = [Sent("s-1", TimeSpan.FromDays(400), NudgeResponse.NotForMe)];

        Assert.Equal("s-2", NudgePicker.Pick(Library, Scores, history, Now, rotationIndex: 0));
    }

    [Fact]
    public void Pick_SentSevenWeeksSixDaysAgo_IsExcluded()
    {
        NudgeHistoryEntry[] history = [Sent("s-1", TimeSpan.FromDays((7 * 7) + 6))];

        Assert.Equal("s-2", NudgePicker.Pick(Library, Scores, history, Now, rotationIndex: 0));
    }

    [Fact]
    public void Pick_SentEightWeeksAndOneDayAgo_IsAllowedAgain()
    {
        NudgeHistoryEntry[] history = [Sent("s-1", TimeSpan.FromDays((8 * 7) + 1))];

        Assert.Equal("s-1", NudgePicker.Pick(Library, Scores, history, Now, rotationIndex: 0));
    }

    [Fact]
    public void Pick_AllHabitsOfWeakestDimensionExcluded_FallsBackToNextWeakest()
    {
        NudgeHistoryEntry[] history =
        [
            Sent("s-1", TimeSpan.FromDays(7)),
            Sent("s-2", TimeSpan.FromDays(90), NudgeResponse.NotForMe),
        ];

        Assert.Equal("c-1", NudgePicker.Pick(Library, Scores, history, Now, rotationIndex: 0));
    }

    [Fact]
    public void Pick_ScoreWithoutAnswers_IsIgnored()
    {
        DimensionScore[] scores = [new("safety", 10, 0), new("recognition", 50, 6), new("clarity", 60, 6)];

        Assert.Equal("a-1", NudgePicker.Pick(Library, scores, [], Now, rotationIndex: 0));
    }

    [Fact]
    public void Pick_EqualScores_BreaksTieByDimensionId()
    {
        DimensionScore[] scores = [new("safety", 50, 9), new("clarity", 50, 20)];

        Assert.Equal("c-1", NudgePicker.Pick(Library, scores, [], Now, rotationIndex: 0));
    }

    [Theory]
    [InlineData(0, "a-1")]
    [InlineData(1, "c-1")]
    [InlineData(2, "s-1")]
    [InlineData(3, "a-1")]
    [InlineData(-1, "s-1")]
    public void Pick_NoScores_RotatesAcrossSortedStrategies(int rotationIndex, string expected)
    {
        Assert.Equal(expected, NudgePicker.Pick(Library, [], [], Now, rotationIndex));
    }

    [Fact]
    public void Pick_NoScoresAndStrategyExhausted_MovesToNextStrategy()
    {
        NudgeHistoryEntry[] history = [Sent("a-1", TimeSpan.FromDays(14))];

        Assert.Equal("c-1", NudgePicker.Pick(Library, [], history, Now, rotationIndex: 0));
    }

    [Fact]
    public void Pick_EveryScoredDimensionExhausted_FallsBackToRotation()
    {
        HabitCandidate[] library = [new("s-1", "safety", ["safety"]), new("x-1", "experiment", ["learning"])];
        NudgeHistoryEntry[] history = [Sent("s-1", TimeSpan.FromDays(3))];

        Assert.Equal("x-1", NudgePicker.Pick(library, [new("safety", 30, 8)], history, Now, rotationIndex: 1));
    }

    [Fact]
    public void Pick_EverythingExcluded_ReturnsNull()
    {
        var history = Library.Select((h, i) => Sent(h.Id, TimeSpan.FromDays(7 * (i + 1)))).ToArray();

        Assert.Null(NudgePicker.Pick(Library, Scores, history, Now, rotationIndex: 0));
        Assert.Null(NudgePicker.Pick(Library, [], history, Now, rotationIndex: 2));
    }

    [Fact]
    public void Pick_EmptyLibrary_ReturnsNull()
    {
        Assert.Null(NudgePicker.Pick([], Scores, [], Now, rotationIndex: 0));
    }

    [Fact]
    public void Pick_LibraryInAnotherOrder_GivesTheSameHabit()
    {
        var reversed = Library.Reverse().ToArray();
        NudgeHistoryEntry[] history = [Sent("s-1", TimeSpan.FromDays(1))];

        Assert.Equal(
            NudgePicker.Pick(Library, Scores, history, Now, rotationIndex: 4),
            NudgePicker.Pick(reversed, Scores.Reverse().ToArray(), history, Now, rotationIndex: 4));
        Assert.Equal("s-2", NudgePicker.Pick(reversed, Scores, history, Now, rotationIndex: 4));
    }
}
