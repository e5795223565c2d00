using TrustBot.Core.Questions;

namespace TrustBot.Core.Tests.Questions;

public sealed class InstrumentTests
{
    private static readonly Instrument Instrument = Instrument.Default;

    [Fact]
    public void Default_Statements_AreElevenWithUniqueIds()
    {
        Assert.Equal(11, Instrument.Statements.Count);
        Assert.Equal(11, Instrument.Statements.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Default_PsychologicalSafety_IsSevenStatementsOfWhichThreeReverse()
    {
        var safety = Instrument.Statements.Where(s => s.Index == Instrument.PsychologicalSafetyIndex).ToList();

        Assert.Equal(7, safety.Count);
        Assert.Equal(3, safety.Count(s => s.Reverse));
        Assert.Equal(7, safety.Select(s => s.Dimension).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            ["ps-asking-help", "ps-difference", "ps-mistakes"],
            safety.Where(s => s.Reverse).Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Default_Trust_IsFourForwardStatementsOneForEachDistinction()
    {
        var trust = Instrument.Statements.Where(s => s.Index == Instrument.TrustIndex).ToList();

        Assert.Equal(4, trust.Count);
        Assert.Equal(["care", "competence", "reliability", "sincerity"], trust.Select(s => s.Dimension).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(trust, s => s.Reverse);
    }

    [Fact]
    public void Default_EveryStatement_HasAShortLabelAndText()
    {
        Assert.All(Instrument.Statements, s =>
        {
            Assert.InRange(s.Label.Length, 1, 40);
            Assert.InRange(s.Text.Length, 1, StatementCatalog.MaxTextLength);
        });
    }

    [Fact]
    public void Default_Scale_HasSevenLabelsFromTheFile()
    {
        Assert.Equal(7, Instrument.Scale.Points);
        Assert.Equal(AnswerScale.AgreementKind, Instrument.Scale.Kind);
        Assert.Equal("Strongly disagree", Instrument.Scale.Label(1));
        Assert.Equal("Neither agree nor disagree", Instrument.Scale.Label(4));
        Assert.Equal("Strongly agree", Instrument.Scale.Label(7));
        Assert.Equal(7, Instrument.Scale.Labels.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(-1)]
    public void Scale_Label_OutsideOneToSeven_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Instrument.Scale.Label(value));
    }

    [Theory]
    [InlineData("1", true, 1)]
    [InlineData("7", true, 7)]
    [InlineData("0", false, 0)]
    [InlineData("8", false, 0)]
    [InlineData("07", false, 0)]
    [InlineData(" 3", false, 0)]
    [InlineData("-1", false, 0)]
    [InlineData("٣", false, 0)]
    [InlineData("", false, 0)]
    [InlineData(null, false, 0)]
    public void Scale_TryParseAnswer_AcceptsOnlyOneToSeven(string? raw, bool ok, int expected)
    {
        Assert.Equal(ok, Instrument.Scale.TryParseAnswer(raw, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Default_Find_KnownAndUnknownIds()
    {
        Assert.Equal("Care", Instrument.Find("trust-care")?.Label);
        Assert.Null(Instrument.Find("trust-CARE"));
        Assert.Null(Instrument.Find("nope"));
    }

    [Fact]
    public void Default_IsTheSameInstanceEachTime()
    {
        Assert.Same(Instrument.Default, Instrument.Default);
    }

    [Fact]
    public void Parse_WrongNumberOfScalePoints_Throws()
    {
        const string json = """{ "scale": { "points": 5, "labels": {} }, "statements": [] }""";

        var ex = Assert.Throws<ArgumentException>(() => Instrument.Parse(json));
        Assert.Contains("points", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateStatementId_Throws()
    {
        const string json = """
            { "scale": { "points": 7, "labels": { "1": "a", "2": "b", "3": "c", "4": "d", "5": "e", "6": "f", "7": "g" } },
              "statements": [
                { "id": "x", "index": "i", "dimension": "d", "label": "L", "text": "T" },
                { "id": "x", "index": "i", "dimension": "d", "label": "L", "text": "T" } ] }
            """;

        var ex = Assert.Throws<ArgumentException>(() => Instrument.Parse(json));
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
    }
}
