using System.Collections;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace TrustBot.Protocol.Authentication;

/// <summary>
/// Reads the Bot Framework's non-standard <c>endorsements</c> member of a JWKS entry. IdentityModel keeps unknown
/// members in <see cref="JsonWebKey.AdditionalData"/>; 8.23 stores this one as a <see cref="JsonElement"/> array.
/// </summary>
internal static class KeyEndorsements
{
    private const string MemberName = "endorsements";

    /// <summary>The endorsements of key <paramref name="keyId"/>; null when the key or its member is absent or malformed.</summary>
    public static IReadOnlyList<string>? Find(JsonWebKeySet? keySet, string? keyId)
    {
        if (keySet is null || string.IsNullOrEmpty(keyId))
        {
            return null;
        }

        var key = keySet.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue(MemberName, out var value))
        {
            return null;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => FromJsonArray(array),
            IEnumerable<string> strings => strings.ToArray(),
            string => null,
            IEnumerable items => FromObjects(items),
            _ => null,
        };
    }

    private static string[]? FromJsonArray(JsonElement array)
    {
        var endorsements = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            endorsements.Add(item.GetString()!);
        }

        return [.. endorsements];
    }

    private static string[]? FromObjects(IEnumerable items)
    {
        var endorsements = new List<string>();
        foreach (var item in items)
        {
            if (item is not string text)
            {
                return null;
            }

            endorsements.Add(text);
        }

        return [.. endorsements];
    }
}
