using System.Text;
using System.Text.RegularExpressions;

namespace TrustBot.Web.Telemetry;

/// <summary>
/// Turns a URL into a route template that names the kind of resource but none of its ids: Connector paths become
/// <c>/v3/conversations/{conversationId}/activities</c>, table entity paths <c>/Ballots({keys})</c>, and the query
/// string is always dropped. A segment survives only if it is a known literal or looks like a plain resource name.
/// </summary>
internal static partial class UrlTemplate
{
    // Segments that name a collection; the segment after one of them is that collection's id.
    private static readonly Dictionary<string, string> IdAfter = new(StringComparer.OrdinalIgnoreCase)
    {
        ["conversations"] = "{conversationId}",
        ["activities"] = "{activityId}",
        ["members"] = "{memberId}",
        ["pagedmembers"] = "{memberId}",
        ["teams"] = "{teamId}",
        ["channels"] = "{channelId}",
        ["attachments"] = "{attachmentId}",
        ["users"] = "{userId}",
        ["messages"] = "{messageId}",
    };

    /// <summary>The path of <paramref name="url"/> as a template, without query or fragment; "/" when it is unreadable.</summary>
    public static string PathOf(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "/";
        }

        return Template(IsHttp(url, out var absolute) ? absolute.AbsolutePath : StripQuery(url));
    }

    /// <summary><c>scheme://host[:port]</c> plus the templated path; the host names a service, not a person.</summary>
    public static string FullOf(string? url) =>
        IsHttp(url, out var absolute) ? $"{absolute.Scheme}://{absolute.Authority}{Template(absolute.AbsolutePath)}" : PathOf(url);

    // On Linux "/api/messages?x" parses as an absolute file URI; only http(s) URLs have an authority worth keeping.
    private static bool IsHttp(string? url, out Uri absolute)
    {
        absolute = null!;
        return Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && (absolute = parsed) is not null;
    }

    private static string StripQuery(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        return end < 0 ? url : url[..end];
    }

    private static string Template(string path)
    {
        var builder = new StringBuilder();
        string? previous = null;
        foreach (var raw in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(raw);
            builder.Append('/').Append(TemplateSegment(segment, previous));
            previous = segment;
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    private static string TemplateSegment(string segment, string? previous)
    {
        if (IdAfter.ContainsKey(segment))
        {
            return segment.ToLowerInvariant();
        }

        if (previous is not null && IdAfter.TryGetValue(previous, out var placeholder))
        {
            return placeholder;
        }

        // Table entity and table paths: Ballots(PartitionKey='…',RowKey='…') and Tables('name') keep only the set name.
        var entity = EntitySegment().Match(segment);
        if (entity.Success)
        {
            return IsPlainName(entity.Groups["set"].Value) ? entity.Groups["set"].Value + "({keys})" : "{id}";
        }

        return IsPlainName(segment) ? segment : "{id}";
    }

    // Table, queue, account and route names; ids carry ':', '@', '.', or are GUIDs or long hex/digit runs.
    private static bool IsPlainName(string segment) =>
        PlainName().IsMatch(segment) && !Guid.TryParse(segment, out _) && !LongDigitOrHexRun().IsMatch(segment);

    [GeneratedRegex(@"^(?<set>[^()]*)\(.*\)$")]
    private static partial Regex EntitySegment();

    [GeneratedRegex("^[A-Za-z$][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex PlainName();

    [GeneratedRegex("[0-9a-fA-F]{12,}|[0-9]{6,}")]
    private static partial Regex LongDigitOrHexRun();
}
