using TrustBot.Storage.Tables;

namespace TrustBot.Storage.Anonymity;

/// <summary>
/// Keys made of several ids joined with <c>|</c>. Each part is escaped with <see cref="TableKeys.Escape"/> and its own
/// <c>|</c> becomes <c>%7C</c>, so a part can never contain the separator: tenant <c>a|b</c> with box <c>c</c> and
/// tenant <c>a</c> with box <c>b|c</c> get different keys, and a key prefix ending in <c>|</c> matches one owner only.
/// </summary>
internal static class CompositeKey
{
    public const char Separator = '|';

    public static string Part(string value) => TableKeys.Escape(value).Replace("|", "%7C", StringComparison.Ordinal);

    public static string Join(string first, string second) => Part(first) + Separator + Part(second);
}
