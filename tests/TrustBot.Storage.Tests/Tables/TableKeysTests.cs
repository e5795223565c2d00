using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Tests.Tables;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("line\nbreak\ttab\u0000nul\u007fdel\u0085nel")]
    public void Escape_ForbiddenCharacters_LeavesNoneInTheKey(string value)
    {
        var key = TableKeys.Escape(value);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Theory]
    [InlineData("19:abc@thread.tacv2")]
    [InlineData("a:1XmUuXQ2vCg-8ypDq0xyz")]
    [InlineData("72f988bf-86f1-41af-91ab-2d7cd011db47")]
    public void Escape_TypicalTeamsIds_ReturnsThemUnchanged(string value)
    {
        Assert.Equal(value, TableKeys.Escape(value));
    }

    [Fact]
    public void Escape_PercentSign_IsEscapedSoThatEscapedTextStaysDistinct()
    {
        Assert.Equal("a%252Fb", TableKeys.Escape("a%2Fb"));
        Assert.NotEqual(TableKeys.Escape("a/b"), TableKeys.Escape("a%2Fb"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("%")]
    [InlineData("%%25%2F")]
    [InlineData("19:abc@thread.skype;messageid=1712345678901")]
    [InlineData("/\\#?")]
    [InlineData("ünïcödé/日本#?")]
    [InlineData("ctrl\u0001\u001f\u007f\u009f")]
    public void Unescape_OfEscape_ReturnsTheOriginal(string value)
    {
        Assert.Equal(value, TableKeys.Unescape(TableKeys.Escape(value)));
    }

    [Theory]
    [InlineData("abc%")]
    [InlineData("abc%2")]
    [InlineData("abc%zz")]
    public void Unescape_MalformedEscape_Throws(string key)
    {
        Assert.Throws<FormatException>(() => TableKeys.Unescape(key));
    }
}
