using System.Text.RegularExpressions;

namespace TrustBot.Web.Telemetry;

/// <summary>
/// Replaces everything shaped like an identifier this bot handles: Teams ids (<c>19:…</c>, <c>29:…</c>, <c>28:…</c>,
/// <c>a:…</c>), GUIDs (tenants, Entra objects, check-ins) and long hex runs (participation hashes, salts). Table keys
/// are built from these, so their identifying parts go too; clock times (<c>09:00:00</c>) stay. A second line of
/// defence behind the [LoggerMessage] rules.
/// </summary>
internal static partial class IdentifierScrubber
{
    public const string Placeholder = "{redacted}";

    public static string Scrub(string text) => Identifier().Replace(text, Placeholder);

    /// <summary>Numbers, enums, times and durations pass; anything else is scrubbed as the text an exporter would send.</summary>
    public static object? Scrub(object? value) => value switch
    {
        null => null,
        string text => Scrub(text),
        IConvertible or DateTimeOffset or TimeSpan => value,
        _ => Scrub(value.ToString() ?? string.Empty),
    };

    [GeneratedRegex(@"\b(?:\d{1,2}|a|f):(?=[^\s|,;'""()<>]*[A-Za-z])[^\s|,;'""()<>]+|\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b|[0-9a-fA-F]{32,}")]
    private static partial Regex Identifier();
}
