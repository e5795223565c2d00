using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.SpeakUp;

public sealed class NoteScrubberTests
{
    [Theory]
    [InlineData("Write to jane.doe@contoso.com please", "Write to [email] please")]
    [InlineData("jane+tag@mail.example.co.uk.", "[email].")]
    [InlineData("(ops@contoso.io)", "([email])")]
    [InlineData("mailto:jane@contoso.com", "[email]")]
    [InlineData("JANE@CONTOSO.COM", "[email]")]
    [InlineData("jörg.müller@beispiel.de", "[email]")]
    [InlineData("a@b.co and c_d@e.org", "[email] and [email]")]
    public void Scrub_EmailAddresses_BecomePlaceholder(string input, string expected)
    {
        Assert.Equal(expected, NoteScrubber.Scrub(input));
    }

    [Theory]
    [InlineData("Call +1 (555) 123-4567 today", "Call [phone] today")]
    [InlineData("+44 20 7946 0958", "[phone]")]
    [InlineData("+44 (0)20 7946 0958", "[phone]")]
    [InlineData("+4915123456789", "[phone]")]
    [InlineData("ring 555-123-4567.", "ring [phone].")]
    [InlineData("(555) 123-4567", "[phone]")]
    [InlineData("555.123.4567", "[phone]")]
    [InlineData("0151 23456789", "[phone]")]
    [InlineData("01 23 45 67 89", "[phone]")]
    [InlineData("06-12345678", "[phone]")]
    [InlineData("555 1234", "[phone]")]
    [InlineData("my number is 0123456789, thanks", "my number is [phone], thanks")]
    [InlineData("1-800-555-0199", "[phone]")]
    public void Scrub_PhoneNumbers_BecomePlaceholder(string input, string expected)
    {
        Assert.Equal(expected, NoteScrubber.Scrub(input));
    }

    [Theory]
    [InlineData("It took 3 days to get an answer")]
    [InlineData("Since 2026 we ship weekly")]
    [InlineData("Upgrade to v1.5 first")]
    [InlineData("SDK 10.0.401 broke the build")]
    [InlineData("We spent 1,000,000 on it")]
    [InlineData("About 1 000 000 euros")]
    [InlineData("About 2.500.000 euros")]
    [InlineData("Due 2026-11-22 or 22.11.2026 or 11/22/2026")]
    [InlineData("From 2024-2026 things were calm")]
    [InlineData("Pi is 3.14159265")]
    [InlineData("Meet at 10:30-11:45 in room 4")]
    [InlineData("Ticket #1234567 is still open")]
    [InlineData("The server 192.168.1.10 is slow")]
    [InlineData("Scores 5 6 7")]
    [InlineData("We were 12 people, now 9")]
    [InlineData("Q3 2025 was hard; 40% fewer bugs")]
    public void Scrub_OrdinaryNumbers_AreKept(string input)
    {
        Assert.Equal(input, NoteScrubber.Scrub(input));
    }

    [Theory]
    [InlineData("Ask @jane about it", "Ask [mention] about it")]
    [InlineData("@jane.doe, @bob_s and @Émilie!", "[mention], [mention] and [mention]!")]
    [InlineData("Thanks @Jane Doe for the help", "Thanks [mention] for the help")]
    [InlineData("Thanks @jane Doe", "Thanks [mention] Doe")]
    [InlineData("<at>Jane Doe</at> said no", "[mention] said no")]
    [InlineData("Hi <at id=\"0\">Jane Doe</at>, thanks", "Hi [mention], thanks")]
    [InlineData("<AT>Bob</AT>", "[mention]")]
    public void Scrub_Mentions_BecomePlaceholder(string input, string expected)
    {
        Assert.Equal(expected, NoteScrubber.Scrub(input));
    }

    [Theory]
    [InlineData("Meet @ 5pm")]
    [InlineData("Costs 5 @ 3 each")]
    [InlineData("I think so")]
    public void Scrub_AtSignsThatAreNotMentions_AreKept(string input)
    {
        Assert.Equal(input, NoteScrubber.Scrub(input));
    }

    [Theory]
    [InlineData("See https://contoso.com/wiki/page?x=1#top.", "See [link].")]
    [InlineData("(http://intranet/team)", "([link])")]
    [InlineData("HTTPS://EXAMPLE.COM", "[link]")]
    [InlineData("go to www.contoso.com now", "go to [link] now")]
    [InlineData("example.com/path/to?q=1, please", "[link], please")]
    [InlineData("the docs at docs.contoso.io", "the docs at [link]")]
    [InlineData("aka.ms/teams", "[link]")]
    [InlineData("https://jane@contoso.com/x", "[link]")]
    [InlineData("ftp://files.contoso.com/a.zip", "[link]")]
    [InlineData("localhost:5000 and contoso.com:8080/x", "localhost:5000 and [link]")]
    public void Scrub_Links_BecomePlaceholder(string input, string expected)
    {
        Assert.Equal(expected, NoteScrubber.Scrub(input));
    }

    [Theory]
    [InlineData("We moved to ASP.NET last year")]
    [InlineData("Read README.md and Program.cs first")]
    [InlineData("It was done.Next we start")]
    [InlineData("e.g. this, i.e. that")]
    [InlineData("Use appsettings.json and System.IO")]
    [InlineData("Node.js and Vue.js")]
    public void Scrub_DottedWordsThatAreNotLinks_AreKept(string input)
    {
        Assert.Equal(input, NoteScrubber.Scrub(input));
    }

    [Theory]
    [InlineData("<p>One</p><p>Two</p>", "One Two")]
    [InlineData("Very <b>important</b> point", "Very important point")]
    [InlineData("<script>alert(1)</script>hi", "alert(1)hi")]
    [InlineData("a <!-- hidden --> b", "a b")]
    [InlineData("Line one<br/>line two", "Line one line two")]
    [InlineData("<a href=\"mailto:x@y.com\">write</a>", "write")]
    [InlineData("2 < 3 and 5 > 4", "2 < 3 and 5 > 4")]
    [InlineData("I <3 this team", "I <3 this team")]
    public void Scrub_HtmlTags_AreStripped(string input, string expected)
    {
        Assert.Equal(expected, NoteScrubber.Scrub(input));
    }

    [Fact]
    public void Scrub_Whitespace_IsCollapsedAndTrimmed()
    {
        Assert.Equal("one two three", NoteScrubber.Scrub("  one\r\n\r\n two\t\tthree \n"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Scrub_NothingToSay_IsEmpty(string? input)
    {
        Assert.Equal(string.Empty, NoteScrubber.Scrub(input!));
    }

    [Fact]
    public void Scrub_LongText_IsCappedAt1000Characters()
    {
        var scrubbed = NoteScrubber.Scrub(string.Concat(Enumerable.Repeat("word ", 400)));

        Assert.True(scrubbed.Length <= NoteScrubber.MaxLength);
        Assert.True(scrubbed.Length >= NoteScrubber.MaxLength - 1);
        Assert.StartsWith("word word", scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_CapNeverSplitsASurrogatePair()
    {
        var scrubbed = NoteScrubber.Scrub(new string('a', 999) + "😀 tail");

        Assert.Equal(new string('a', 999), scrubbed);
    }

    [Fact]
    public void Scrub_ZeroWidthCharactersCannotHideAnAddress()
    {
        Assert.Equal("mail [email]", NoteScrubber.Scrub("mail jane\u200B@contoso\u200C.com"));
    }

    [Fact]
    public void Scrub_MixedNote_ScrubsEverythingAndKeepsTheRest()
    {
        const string note = "<at>Sam</at> said in 3 days: mail sam@contoso.com or call +1 555 123 4567, see https://contoso.com/x, cc @lee.";

        Assert.Equal("[mention] said in 3 days: mail [email] or call [phone], see [link], cc [mention].", NoteScrubber.Scrub(note));
    }

    [Fact]
    public void Scrub_IsIdempotent()
    {
        const string note = "mail sam@contoso.com, call 555-123-4567, see www.contoso.com, ask @lee";
        var once = NoteScrubber.Scrub(note);

        Assert.Equal(once, NoteScrubber.Scrub(once));
    }

    // Catastrophic backtracking would trip a pattern's match timeout and throw; the input cap keeps the work bounded.
    [Fact]
    public void Scrub_HugeHostileInput_CompletesWithinThePatternTimeoutsAndIsCapped()
    {
        var hostile = new string('a', 50_000) + "@" + string.Concat(Enumerable.Repeat("1-", 20_000)) + new string('.', 30_000);

        var scrubbed = NoteScrubber.Scrub(hostile);

        Assert.InRange(scrubbed.Length, 1, NoteScrubber.MaxLength);
    }
}
