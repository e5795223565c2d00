using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class PromptLibraryTests
{
    private static readonly PromptLibrary Library = PromptLibrary.Default;

    [Fact]
    public void Default_HasAtLeastTwentyPromptsAcrossAtLeastFiveStrategies()
    {
        Assert.True(Library.Prompts.Count >= 20, $"{Library.Prompts.Count} prompts");
        Assert.True(Library.Strategies.Count >= 5, $"{Library.Strategies.Count} strategies");
        Assert.Equal(Library.Prompts.Count, Library.Prompts.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Library.Prompts, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
    }

    [Fact]
    public void Find_KnownAndUnknownIds()
    {
        Assert.Equal("voice", Library.Find("voice-unsaid")?.Strategy);
        Assert.Null(Library.Find("missing"));
    }

    [Theory]
    [InlineData(TestIds.TeamId)]
    [InlineData("19:other@thread.tacv2")]
    [InlineData("a:chat")]
    [InlineData("x")]
    public void Pick_FirstRound_UsesEveryPromptOnceBeforeAnyRepeats(string team)
    {
        var count = Library.Prompts.Count;

        var firstRound = Enumerable.Range(0, count).Select(n => Library.Pick(team, n).Id).ToList();
        var secondRound = Enumerable.Range(count, count).Select(n => Library.Pick(team, n).Id).ToList();

        Assert.Equal(Library.Prompts.Select(p => p.Id).Order(StringComparer.Ordinal), firstRound.Order(StringComparer.Ordinal));
        Assert.Equal(firstRound, secondRound);
    }

    [Theory]
    [InlineData(TestIds.TeamId)]
    [InlineData("19:other@thread.tacv2")]
    [InlineData("a:chat")]
    [InlineData("x")]
    public void Pick_ConsecutivePicks_AlternateStrategiesAlsoAcrossTheWrap(string team)
    {
        var strategies = Enumerable.Range(0, Library.Prompts.Count * 2 + 1).Select(n => Library.Pick(team, n).Strategy).ToList();

        for (var i = 1; i < strategies.Count; i++)
        {
            Assert.NotEqual(strategies[i - 1], strategies[i]);
        }
    }

    [Fact]
    public void Pick_SameTeam_SameSequence()
    {
        var first = Enumerable.Range(0, 10).Select(n => Library.Pick(TestIds.TeamId, n)).ToList();
        var again = Enumerable.Range(0, 10).Select(n => PromptLibrary.Default.Pick(TestIds.TeamId, n)).ToList();

        Assert.Equal(first, again);
    }

    [Fact]
    public void Pick_DifferentTeams_GetDifferentSequences()
    {
        var sequences = Enumerable.Range(0, 10)
            .Select(i => string.Join(",", Library.Sequence($"19:team{i}@thread.tacv2").Select(p => p.Id)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(sequences.Count >= 9, $"only {sequences.Count} distinct sequences for 10 teams");
    }

    [Fact]
    public void Pick_NegativeSession_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Library.Pick(TestIds.TeamId, -1));
    }

    [Fact]
    public void Parse_DuplicateIds_Throws()
    {
        const string json = """{ "prompts": [ { "id": "a", "strategy": "s", "text": "t" }, { "id": "a", "strategy": "s", "text": "u" } ] }""";

        Assert.Throws<ArgumentException>(() => PromptLibrary.Parse(json));
    }

    [Fact]
    public void Parse_MissingText_Throws()
    {
        const string json = """{ "prompts": [ { "id": "a", "strategy": "s" } ] }""";

        var ex = Assert.Throws<ArgumentException>(() => PromptLibrary.Parse(json));
        Assert.Contains("\"text\"", ex.Message, StringComparison.Ordinal);
    }
}
