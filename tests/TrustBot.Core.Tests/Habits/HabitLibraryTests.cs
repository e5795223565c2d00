using System.Text.RegularExpressions;
using TrustBot.Core.Habits;
using TrustBot.Core.Questions;

namespace TrustBot.Core.Tests.Habits;

public sealed partial class HabitLibraryTests
{
    private static readonly HabitLibrary Library = HabitLibrary.Default;

    // Spelled out here rather than read from the library, so a typo in habits.json cannot define its own dimension.
    private static readonly string[] Dimensions =
    [
        "mistakes", "tough-issues", "difference", "risk", "asking-help", "undermining", "skills",
        "care", "sincerity", "reliability", "competence",
    ];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [Fact]
    public void Dimensions_MatchTheInstrument_AreTheElevenStatementDimensions()
    {
        Assert.Equal(
            Dimensions.Order(StringComparer.Ordinal),
            Instrument.Default.Statements.Select(s => s.Dimension).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Default_Habits_AreAtLeastFiftySix()
    {
        Assert.True(Library.Habits.Count >= 56, $"Only {Library.Habits.Count} habits.");
    }

    [Fact]
    public void Default_Strategies_AreExactlyTheEightInRotationOrder()
    {
        Assert.Equal(8, HabitStrategies.All.Count);
        Assert.Equal(HabitStrategies.All, Library.Strategies);
        Assert.All(Library.Habits, habit => Assert.Contains(habit.Strategy, HabitStrategies.All));
    }

    [Fact]
    public void Default_EveryStrategy_HasAtLeastSixHabits()
    {
        Assert.All(HabitStrategies.All, strategy =>
            Assert.True(Library.ForStrategy(strategy).Count >= 6, $"'{strategy}' has {Library.ForStrategy(strategy).Count} habits."));
    }

    [Fact]
    public void Default_Ids_AreUniqueAndKebabCase()
    {
        Assert.Equal(Library.Habits.Count, Library.Habits.Select(h => h.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Library.Habits, habit => Assert.Matches(KebabCase(), habit.Id));
    }

    [Fact]
    public void Default_EveryHabit_HasOneToThreeKnownDistinctDimensions()
    {
        Assert.All(Library.Habits, habit =>
        {
            Assert.InRange(habit.Dimensions.Count, 1, 3);
            Assert.Equal(habit.Dimensions.Count, habit.Dimensions.Distinct(StringComparer.Ordinal).Count());
            Assert.All(habit.Dimensions, dimension => Assert.Contains(dimension, Dimensions));
        });
    }

    [Fact]
    public void Default_EveryDimension_IsServedByAtLeastThreeHabits()
    {
        Assert.All(Dimensions, dimension =>
        {
            var count = Library.Habits.Count(h => h.Dimensions.Contains(dimension, StringComparer.Ordinal));
            Assert.True(count >= 3, $"'{dimension}' is served by only {count} habits.");
        });
    }

    [Fact]
    public void Default_Texts_AreWithinTheirLengthsAndMinutesInRange()
    {
        Assert.All(Library.Habits, habit =>
        {
            Assert.InRange(habit.Title.Length, 1, 60);
            Assert.InRange(habit.Action.Length, 1, 280);
            Assert.InRange(habit.Why.Length, 1, 280);
            Assert.InRange(habit.Minutes, 1, 60);
            Assert.Equal(habit.Title, habit.Title.Trim());
            Assert.Equal(habit.Action, habit.Action.Trim());
            Assert.Equal(habit.Why, habit.Why.Trim());
        });
    }

    [Fact]
    public void Default_ActionsAndTitles_AreNotDuplicated()
    {
        Assert.Equal(Library.Habits.Count, Library.Habits.Select(h => h.Action).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(Library.Habits.Count, Library.Habits.Select(h => h.Title).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Find_KnownId_ReturnsThatHabit()
    {
        var expected = Library.Habits[^1];

        var found = Library.Find(expected.Id);

        Assert.Same(expected, found);
    }

    [Theory]
    [InlineData("no-such-habit")]
    [InlineData("")]
    public void Find_UnknownId_ReturnsNull(string id)
    {
        Assert.Null(Library.Find(id));
    }

    [Fact]
    public void Find_DifferentCase_ReturnsNull()
    {
        Assert.Null(Library.Find(Library.Habits[0].Id.ToUpperInvariant()));
    }

    [Fact]
    public void ForDimension_Competence_ReturnsExactlyTheHabitsListingItInFileOrder()
    {
        var expected = Library.Habits.Where(h => h.Dimensions.Contains("competence")).ToList();

        var actual = Library.ForDimension("competence");

        Assert.NotEmpty(actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ForDimension_Unknown_ReturnsEmpty()
    {
        Assert.Empty(Library.ForDimension("courage"));
    }

    [Fact]
    public void ForStrategy_ClearNorms_ReturnsOnlyItsHabitsInFileOrder()
    {
        var expected = Library.Habits.Where(h => h.Strategy == HabitStrategies.ClearNorms).ToList();

        var actual = Library.ForStrategy(HabitStrategies.ClearNorms);

        Assert.NotEmpty(actual);
        Assert.Equal(expected, actual);
        Assert.All(actual, habit => Assert.Equal(HabitStrategies.ClearNorms, habit.Strategy));
    }

    [Fact]
    public void ForStrategy_Unknown_ReturnsEmpty()
    {
        Assert.Empty(Library.ForStrategy("micromanagement"));
    }

    [Fact]
    public void ForStrategy_AllStrategies_CoverEveryHabitExactlyOnce()
    {
        var all = HabitStrategies.All.SelectMany(Library.ForStrategy).Select(h => h.Id).Order(StringComparer.Ordinal);

        Assert.Equal(Library.Habits.Select(h => h.Id).Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public void Parse_DuplicateId_Throws()
    {
        const string json = """
            {"habits":[
              {"id":"a","strategy":"clear-norms","dimensions":["care"],"title":"T","action":"A1","why":"W","minutes":5},
              {"id":"a","strategy":"clear-norms","dimensions":["care"],"title":"T","action":"A2","why":"W","minutes":5}]}
            """;

        var exception = Assert.Throws<ArgumentException>(() => HabitLibrary.Parse(json));

        Assert.Contains("'a'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"habits":[{"id":"a","strategy":"clear-norms","dimensions":[],"title":"T","action":"A","why":"W","minutes":5}]}""")]
    [InlineData("""{"habits":[{"id":"a","strategy":"clear-norms","dimensions":["care"],"title":"T","why":"W","minutes":5}]}""")]
    [InlineData("""{"habits":[{"id":"a","strategy":"clear-norms","dimensions":["care"],"title":"T","action":"A","why":"W","minutes":"5"}]}""")]
    [InlineData("""{"items":[]}""")]
    [InlineData("not json")]
    public void Parse_MalformedLibrary_Throws(string json)
    {
        Assert.Throws<ArgumentException>(() => HabitLibrary.Parse(json));
    }

    [Fact]
    public void Parse_ValidHabit_ReadsEveryField()
    {
        const string json = """
            {"habits":[{"id":"x-y","strategy":"clear-norms","dimensions":["care","risk"],"title":"T","action":"A","why":"W","minutes":7}]}
            """;

        var habit = Assert.Single(HabitLibrary.Parse(json).Habits);

        Assert.Equal(new Habit("x-y", "clear-norms", habit.Dimensions, "T", "A", "W", 7), habit);
        Assert.Equal(["care", "risk"], habit.Dimensions);
    }
}
