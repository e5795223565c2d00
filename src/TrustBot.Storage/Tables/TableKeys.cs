using System.Globalization;
using System.Text;

namespace TrustBot.Storage.Tables;

/// <summary>
/// Key design, and the one escape used for every PartitionKey and RowKey value.
/// </summary>
/// <remarks>
/// <para>
/// Installations: PartitionKey = tenant id, RowKey = installation key (team id, or conversation id).
/// Everything TrustBot reads is scoped to one tenant, so a tenant's rows form one partition and a
/// tenant listing is a single-partition query.
/// </para>
/// <para>
/// Table keys may not contain <c>/ \ # ?</c> or control characters, yet Teams ids can
/// (<c>19:…@thread.tacv2;messageid=…</c>, or anything a future channel sends). <see cref="Escape"/>
/// replaces each such character, and <c>%</c> itself, with <c>%XX</c> (its code as two hex digits),
/// so the mapping is reversible and an id without those characters is stored unchanged.
/// </para>
/// </remarks>
internal static class TableKeys
{
    private const char EscapeMark = '%';

    public static string Escape(string value)
    {
        if (!value.Any(MustEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (MustEscape(c))
            {
                builder.Append(EscapeMark).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string key)
    {
        if (!key.Contains(EscapeMark, StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != EscapeMark)
            {
                builder.Append(key[i]);
            }
            else if (i + 2 < key.Length && TryParseHex(key.AsSpan(i + 1, 2), out var code))
            {
                builder.Append(code);
                i += 2;
            }
            else
            {
                throw new FormatException($"'{key}' is not a key produced by {nameof(TableKeys)}.{nameof(Escape)}.");
            }
        }

        return builder.ToString();
    }

    // Every character that needs escaping is below U+00A0, so two hex digits always suffice.
    private static bool MustEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or EscapeMark || char.IsControl(c);

    private static bool TryParseHex(ReadOnlySpan<char> digits, out char code)
    {
        var parsed = int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value);
        code = (char)value;
        return parsed;
    }
}
