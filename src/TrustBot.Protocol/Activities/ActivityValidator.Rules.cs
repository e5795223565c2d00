using System.Globalization;
using System.Text.Json;
using static TrustBot.Protocol.Activities.ActivityLimits;

namespace TrustBot.Protocol.Activities;

/// <summary>The rules per kind of field: ids, names, free text, keywords and the <c>value</c> payload.</summary>
public static partial class ActivityValidator
{
    /// <summary>
    /// An id: 1 to <see cref="MaxIdLength"/> printable ASCII characters without spaces or
    /// <see cref="ForbiddenIdCharacters"/>, and not a dot segment, which a URL path would collapse.
    /// Teams ids (<c>19:…@thread.tacv2;messageid=1</c>, <c>a:1…</c>, <c>29:1…</c>, <c>8:orgid:…</c>, GUIDs) all qualify.
    /// </summary>
    private static ActivityViolation? Id(string field, string? value) => Id(field, value, MaxIdLength);

    private static ActivityViolation? DirectoryId(string field, string? value) => Id(field, value, MaxDirectoryIdLength);

    private static ActivityViolation? Id(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0)
        {
            return new ActivityViolation(field, "is empty");
        }

        if (value.Length > maxLength)
        {
            return TooLong(field, maxLength);
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~' || ForbiddenIdCharacters.Contains(c, StringComparison.Ordinal))
            {
                return new ActivityViolation(field, "contains a character not allowed in an id (ids are printable ASCII without spaces or / \\ # ? % |)");
            }
        }

        return value is "." or ".." ? new ActivityViolation(field, "is a dot segment, which is not allowed in an id") : null;
    }

    /// <summary>A display name: any Unicode (emoji, right-to-left scripts), but no control characters.</summary>
    private static ActivityViolation? Name(string field, string? value) =>
        value is null ? null : Bounded(field, value, MaxNameLength) ?? NoControls(field, value);

    /// <summary>Free text such as a message: newlines and HTML are fine.</summary>
    private static ActivityViolation? Text(string field, string? value, int maxLength) =>
        value is null ? null : Bounded(field, value, maxLength);

    private static ActivityViolation? Keyword(string field, string? value) => Token(field, value, MaxKeywordLength);

    /// <summary>A short token (keyword, locale, time zone): bounded, no control characters.</summary>
    private static ActivityViolation? Token(string field, string? value, int maxLength) =>
        value is null ? null : Bounded(field, value, maxLength) ?? NoControls(field, value);

    private static ActivityViolation? Bounded(string field, string value, int maxLength) =>
        value.Length > maxLength ? TooLong(field, maxLength)
        : !IsWellFormedUtf16(value) ? new ActivityViolation(field, "is not well-formed text (it has an unpaired surrogate)")
        : null;

    private static ActivityViolation? NoControls(string field, string value) =>
        value.Any(char.IsControl) ? new ActivityViolation(field, "contains a control character") : null;

    private static ActivityViolation TooLong(string field, int max) =>
        new(field, $"is longer than {max.ToString(CultureInfo.InvariantCulture)} characters");

    /// <summary>The card or invoke payload: bounded depth, size, strings and property names; any JSON shape.</summary>
    private static ActivityViolation? Value(string field, JsonElement? value)
    {
        if (value is not { } root)
        {
            return null;
        }

        var nodes = 0;
        try
        {
            return Walk(field, root, depth: 1, ref nodes);
        }
        catch (InvalidOperationException)
        {
            // JsonElement parses escapes lazily: an unpaired \uD800 only fails when the string is read.
            return new ActivityViolation(field, "has text that is not well-formed (an unpaired surrogate)");
        }
    }

    private static ActivityViolation? Walk(string field, JsonElement element, int depth, ref int nodes)
    {
        if (++nodes > MaxValueNodes)
        {
            return new ActivityViolation(field, $"has more than {MaxValueNodes.ToString(CultureInfo.InvariantCulture)} values");
        }

        // Depth counts objects and arrays, as JSON parsers do; a scalar adds no level.
        if (depth > MaxValueDepth && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return new ActivityViolation(field, $"nests deeper than {MaxValueDepth.ToString(CultureInfo.InvariantCulture)} levels");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    if (name.Length > MaxValuePropertyNameLength || !IsWellFormedUtf16(name))
                    {
                        return new ActivityViolation(field, $"has a property name longer than {MaxValuePropertyNameLength.ToString(CultureInfo.InvariantCulture)} characters or not well-formed");
                    }

                    if (Walk(field, property.Value, depth + 1, ref nodes) is { } violation)
                    {
                        return violation;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(field, item, depth + 1, ref nodes) is { } violation)
                    {
                        return violation;
                    }
                }

                return null;
            case JsonValueKind.String:
                var text = element.GetString()!;
                return text.Length > MaxValueStringLength
                    ? new ActivityViolation(field, $"has a string longer than {MaxValueStringLength.ToString(CultureInfo.InvariantCulture)} characters")
                    : IsWellFormedUtf16(text) ? null : new ActivityViolation(field, "has text that is not well-formed (an unpaired surrogate)");
            default:
                return null;
        }
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
