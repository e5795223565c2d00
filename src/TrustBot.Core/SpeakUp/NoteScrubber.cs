using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Takes contact details and pointers to people out of a speak-up note before it is stored: e-mail addresses,
/// phone numbers, @mentions (and Teams <c>&lt;at&gt;</c> tags) and links become placeholders, other HTML tags go,
/// whitespace collapses, and the result is at most 1,000 characters. Ordinary numbers, dates and versions stay.
/// </summary>
public static partial class NoteScrubber
{
    public const int MaxLength = 1000;

    public const string EmailPlaceholder = "[email]";

    public const string PhonePlaceholder = "[phone]";

    public const string MentionPlaceholder = "[mention]";

    public const string LinkPlaceholder = "[link]";

    // Far beyond any real note; bounds the work on hostile input. Only the first 1,000 scrubbed characters survive.
    private const int MaxInputLength = 20_000;

    private const int TimeoutMilliseconds = 500;

    private const string TrailingPunctuation = ".,;:!?'\")]}>";

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "blockquote", "pre", "hr",
        "h1", "h2", "h3", "h4", "h5", "h6",
    };

    /// <summary>The scrubbed note; empty for null or blank input.</summary>
    /// <exception cref="RegexMatchTimeoutException">Only for pathological input; treat as a refused note.</exception>
    public static string Scrub(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var scrubbed = RemoveInvisibles(text.Length > MaxInputLength ? text[..MaxInputLength] : text);

        // Order matters: tags before anything that reads text, URLs before e-mails (user@host in a URL),
        // e-mails before bare domains and mentions (both would eat part of an address), phones last.
        scrubbed = TeamsMentionPattern().Replace(scrubbed, MentionPlaceholder);
        scrubbed = HtmlCommentPattern().Replace(scrubbed, " ");
        scrubbed = HtmlTagPattern().Replace(scrubbed, m => BlockTags.Contains(m.Groups["name"].Value) ? " " : string.Empty);
        scrubbed = SchemeUrlPattern().Replace(scrubbed, ReplaceLink);
        scrubbed = EmailPattern().Replace(scrubbed, EmailPlaceholder);
        scrubbed = BareUrlPattern().Replace(scrubbed, ReplaceLink);
        scrubbed = MentionPattern().Replace(scrubbed, ReplaceMention);
        scrubbed = PhonePattern().Replace(scrubbed, PhoneCandidate.Replace);
        scrubbed = WhitespacePattern().Replace(scrubbed, " ").Trim();
        return Cap(scrubbed);
    }

    // Zero-width and direction-control characters could split an address so the patterns miss it, or reorder what
    // a reader sees; the zero-width joiner stays because emoji sequences need it.
    private static string RemoveInvisibles(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Format && c != '\u200D')
            {
                continue;
            }

            builder.Append(category == UnicodeCategory.Control && !char.IsWhiteSpace(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    private static string ReplaceLink(Match match)
    {
        // Sentence punctuation right after a link belongs to the sentence.
        var trimmed = match.Value.TrimEnd(TrailingPunctuation.ToCharArray());
        return LinkPlaceholder + match.Value[trimmed.Length..];
    }

    private static string ReplaceMention(Match match)
    {
        // "@Jane Doe": a capitalised handle followed by a capitalised word is most likely a full name.
        var surname = match.Groups["surname"];
        return !surname.Success || char.IsUpper(match.Groups["handle"].Value[0])
            ? MentionPlaceholder
            : MentionPlaceholder + surname.Value;
    }

    private static string Cap(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return text[..end].TrimEnd();
    }

    [GeneratedRegex(@"<at\b[^<>]*>[^<]*</at\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex TeamsMentionPattern();

    [GeneratedRegex(@"<!--.*?(?:-->|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex HtmlCommentPattern();

    [GeneratedRegex(@"</?(?<name>[a-zA-Z][a-zA-Z0-9:-]*)(?:\s[^<>]*)?/?>", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex HtmlTagPattern();

    [GeneratedRegex(@"\b(?:https?|ftps?)://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex SchemeUrlPattern();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}._%+'-])(?:mailto:)?[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    private static partial Regex EmailPattern();

    // Bare domains only with common top-level domains written in lower case, so "ASP.NET", "README.md" or a missing
    // space after a full stop ("done.Next") are left alone.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}@._/-])(?:www\.[^\s<>""]+|(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+"
        + @"(?-i:com|org|net|edu|gov|mil|int|io|dev|app|ai|co|info|biz|xyz|tech|cloud|online|site|page|link|ms|ly|gl|gg|tv|fm"
        + @"|uk|de|fr|nl|ch|se|dk|fi|es|pl|cz|ie|eu|jp|cn|br|mx|ru|za|sg|hk|au|nz|ca)"
        + @"(?![\p{L}\p{N}-])(?::\d{1,5})?(?:[/?#][^\s<>""]*)?)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    private static partial Regex BareUrlPattern();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}_.@])@(?<handle>[\p{L}_][\p{L}\p{N}_.'’-]*[\p{L}\p{N}_]|[\p{L}_])(?<surname>\s\p{Lu}\p{Ll}[\p{L}'’-]*)?",
        RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    private static partial Regex MentionPattern();

    // A candidate only: runs of digit groups joined by one space, dot or dash (or nothing after a bracketed group).
    // PhoneCandidate decides whether it is a phone number or an ordinary number, date or version.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}_@#/.,+-])\+?\s?(?:\(\d{1,6}\)|\d{1,15})(?:(?:\s?[.-]\s?|\s|(?<=\)))(?:\(\d{1,6}\)|\d{1,15})){0,7}(?![\p{L}\p{N}_@/]|[.,-]\d)",
        RegexOptions.CultureInvariant,
        TimeoutMilliseconds)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex WhitespacePattern();
}
