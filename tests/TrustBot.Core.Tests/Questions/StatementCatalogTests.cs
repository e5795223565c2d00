using TrustBot.Core.Questions;

namespace TrustBot.Core.Tests.Questions;

public sealed class StatementCatalogTests
{
    private static Statement Custom(
        string id = "custom-focus",
        string index = "team",
        string dimension = "focus",
        string label = "Focus",
        string text = "We know what matters most this week.",
        bool reverse = false) => new(id, index, dimension, reverse, label, text);

    [Fact]
    public void Default_HoldsTheElevenBuiltInStatements()
    {
        Assert.Equal(Instrument.Default.Statements, StatementCatalog.Default.Statements);
    }

    [Fact]
    public void WithCustom_ValidStatements_AddsThemAfterTheBuiltInOnes()
    {
        var catalog = StatementCatalog.Default.WithCustom([Custom(), Custom("custom-pace", dimension: "pace", label: "Pace")]);

        Assert.Equal(13, catalog.Statements.Count);
        Assert.Equal(["custom-focus", "custom-pace"], catalog.Statements.Skip(11).Select(s => s.Id));
        Assert.Equal("Focus", catalog.Find("custom-focus")?.Label);
        Assert.Equal(11, StatementCatalog.Default.Statements.Count);
    }

    [Fact]
    public void WithCustom_CalledTwice_Accumulates()
    {
        var catalog = StatementCatalog.Default.WithCustom([Custom()]).WithCustom([Custom("custom-pace", dimension: "pace")]);

        Assert.Equal(13, catalog.Statements.Count);
    }

    [Fact]
    public void WithCustom_ExtraStatementInABuiltInDimension_IsAllowed()
    {
        var catalog = StatementCatalog.Default.WithCustom([Custom("custom-care-2", Instrument.TrustIndex, "care", "Care, again")]);

        Assert.NotNull(catalog.Find("custom-care-2"));
    }

    public static TheoryData<Statement, string> Invalid() => new()
    {
        { Custom(id: "focus"), "must start with 'custom-'" },
        { Custom(id: "ps-risk"), "must start with 'custom-'" },
        { Custom(id: "custom-"), "lower-case letters" },
        { Custom(id: "custom-Focus"), "lower-case letters" },
        { Custom(id: "custom-a b"), "lower-case letters" },
        { Custom(id: "custom-" + new string('a', 60)), "at most 64" },
        { Custom(index: " "), "non-empty index" },
        { Custom(dimension: ""), "non-empty dimension" },
        { Custom(label: ""), "non-empty label" },
        { Custom(label: new string('l', 41)), "at most 40" },
        { Custom(text: "  "), "non-empty text" },
        { Custom(text: new string('t', 201)), "at most 200" },
        { Custom(index: Instrument.TrustIndex, dimension: "humour"), "fixed set of dimensions" },
        { Custom(index: "team", dimension: "care"), "already belongs to the index 'trust'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void WithCustom_InvalidStatement_ThrowsWithAClearMessage(Statement statement, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => StatementCatalog.Default.WithCustom([statement]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithCustom_TextOfExactly200_IsAccepted()
    {
        var catalog = StatementCatalog.Default.WithCustom([Custom(text: new string('t', 200))]);

        Assert.Equal(200, catalog.Find("custom-focus")!.Text.Length);
    }

    [Fact]
    public void WithCustom_DuplicateIds_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => StatementCatalog.Default.WithCustom([Custom(), Custom()]));

        Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithCustom_IdAlreadyInTheCatalog_Throws()
    {
        var once = StatementCatalog.Default.WithCustom([Custom()]);

        Assert.Throws<ArgumentException>(() => once.WithCustom([Custom()]));
    }

    [Fact]
    public void ParseCustom_InstrumentShape_ReadsEveryField()
    {
        const string json = """
            [
              { "id": "custom-focus", "index": "team", "dimension": "focus", "reverse": true, "label": "Focus", "text": "We are distracted." },
              { "id": "custom-pace", "index": "team", "dimension": "pace", "label": "Pace", "text": "Our pace is sustainable." },
            ]
            """;

        var statements = StatementCatalog.ParseCustom(json);

        Assert.Equal(
            [new Statement("custom-focus", "team", "focus", true, "Focus", "We are distracted."),
             new Statement("custom-pace", "team", "pace", false, "Pace", "Our pace is sustainable.")],
            statements);
        Assert.Equal(13, StatementCatalog.Default.WithCustom(statements).Statements.Count);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{ "statements": [] }""", "JSON array")]
    [InlineData("""[ 1 ]""", "Statement 1 must be a JSON object")]
    [InlineData("""[ { "id": "custom-a", "index": "t", "dimension": "d", "label": "L" } ]""", "\"text\"")]
    [InlineData("""[ { "id": 5, "index": "t", "dimension": "d", "label": "L", "text": "x" } ]""", "\"id\"")]
    [InlineData("""[ { "id": "custom-a", "index": "t", "dimension": "d", "reverse": "yes", "label": "L", "text": "x" } ]""", "\"reverse\"")]
    public void ParseCustom_Malformed_ThrowsArgumentException(string json, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => StatementCatalog.ParseCustom(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_KeepsOrderAndDropsUnknownIds()
    {
        var statements = StatementCatalog.Default.Resolve(["trust-care", "nope", "ps-risk"]);

        Assert.Equal(["trust-care", "ps-risk"], statements.Select(s => s.Id));
    }
}
