using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Protocol.Activities;

namespace TrustBot.Web.Tests.Fuzzing;

/// <summary>
/// Breaks exactly one bound of <see cref="ActivityLimits"/> in a real activity shape: an oversize string in any field
/// the bot reads (up to a 110,000-character conversation id), a key-forbidden or control character in an id, too many
/// entities or members, or an oversize, too deep or too large <c>value</c>. The bot must answer 400 naming the field.
/// </summary>
internal static class OutOfBoundsMutator
{
    private static readonly string[] TeamsIds =
    [
        "id", "replyToId", "from.id", "recipient.id", "conversation.id", "channelData.team.id", "channelData.channel.id",
        "channelData.settings.selectedChannel.id", "entities[0].mentioned.id", "entities[1].mentioned.id",
        "membersAdded[0].id", "membersRemoved[0].id",
    ];

    private static readonly string[] DirectoryIds =
    [
        "from.aadObjectId", "conversation.tenantId", "channelData.tenant.id", "channelData.team.aadGroupId", "entities[1].mentioned.aadObjectId",
    ];

    private static readonly string[] Names = ["from.name", "recipient.name", "channelData.team.name", "entities[1].mentioned.name"];

    private static readonly string[] Keywords =
    [
        "type", "name", "action", "channelData.eventType", "conversation.conversationType", "entities[0].type", "textFormat",
    ];

    /// <summary>Characters an id may not hold: key-forbidden, escape marks, spaces, controls (C0, DEL, C1), non-ASCII.</summary>
    private static readonly string[] ForbiddenInIds = ["/", "\\", "#", "?", "%", "|", " ", "\u0000", "\u001f", "\u007f", "\u0085", "\u009f", "é", "\u200f"];

    public static (JsonObject Activity, string Description, string Field) Mutate(Random random, JsonObject activity)
    {
        while (true)
        {
            switch (random.Next(9))
            {
                case 0 or 1 when Pick(random, activity, TeamsIds) is { } id:
                    return random.Next(2) == 0
                        ? Oversize(random, activity, id, ActivityLimits.MaxIdLength, Filler.Ascii)
                        : ForbiddenCharacter(random, activity, id);
                case 2 when Pick(random, activity, DirectoryIds) is { } id:
                    return random.Next(2) == 0
                        ? Oversize(random, activity, id, ActivityLimits.MaxDirectoryIdLength, Filler.Ascii)
                        : ForbiddenCharacter(random, activity, id);
                case 3 when Pick(random, activity, Names) is { } name:
                    if (random.Next(4) == 0)
                    {
                        JsonPaths.Set(activity, name, "Ada\u0000Lovelace");
                        return (activity, $"control character in {name}", name);
                    }

                    return Oversize(random, activity, name, ActivityLimits.MaxNameLength, Filler.Unicode);
                case 4 when Pick(random, activity, Keywords) is { } keyword:
                    return Oversize(random, activity, keyword, ActivityLimits.MaxKeywordLength, Filler.Ascii);
                case 5:
                    return random.Next(3) switch
                    {
                        0 => Oversize(random, activity, "text", ActivityLimits.MaxTextLength, Filler.Unicode),
                        1 => Oversize(random, activity, "locale", ActivityLimits.MaxLocaleLength, Filler.Ascii),
                        _ => Oversize(random, activity, "localTimezone", ActivityLimits.MaxTimeZoneLength, Filler.Ascii),
                    };
                case 6:
                    return TooManyItems(random, activity);
                case 7 when activity["value"] is JsonObject value:
                    var leaves = JsonPaths.StringLeaves(value);
                    var leaf = "value." + leaves[random.Next(leaves.Count)];
                    var (mutated, description, _) = Oversize(random, activity, leaf, ActivityLimits.MaxValueStringLength, Filler.Unicode);
                    return (mutated, description, "value");
                case 8:
                    activity["value"] = random.Next(2) == 0 ? Nested(random.Next(ActivityLimits.MaxValueDepth + 1, 60)) : Wide(random.Next(1001, 3000));
                    return (activity, "value too deep or too large", "value");
            }
        }
    }

    private static (JsonObject, string, string) Oversize(Random random, JsonObject activity, string field, int limit, Filler filler)
    {
        int[] lengths = [limit + 1, limit + 2 + random.Next(64), 30_000, 100_000, 110_000];
        var length = lengths[random.Next(lengths.Length)];
        JsonPaths.Set(activity, field, Fill(filler, length, random));
        return (activity, $"{field} of {length} characters (limit {limit})", field);
    }

    private static (JsonObject, string, string) ForbiddenCharacter(Random random, JsonObject activity, string field)
    {
        var original = JsonPaths.Get(activity, field)!.GetValue<string>();
        var roll = random.Next(ForbiddenInIds.Length + 3);
        var (value, what) = roll switch
        {
            _ when roll < ForbiddenInIds.Length => (original.Insert(random.Next(original.Length + 1), ForbiddenInIds[roll]), $"U+{(int)ForbiddenInIds[roll][0]:X4}"),
            _ when roll == ForbiddenInIds.Length => (".", "dot segment"),
            _ when roll == ForbiddenInIds.Length + 1 => ("..", "dot-dot segment"),
            _ => (string.Empty, "empty id"),
        };
        JsonPaths.Set(activity, field, value);
        return (activity, $"{what} in {field}", field);
    }

    private static (JsonObject, string, string) TooManyItems(Random random, JsonObject activity)
    {
        if (random.Next(2) == 0)
        {
            var entities = new JsonArray();
            for (var i = random.Next(ActivityLimits.MaxEntities + 1, 3000); i > 0; i--)
            {
                entities.Add(new JsonObject { ["type"] = "clientInfo" });
            }

            activity["entities"] = entities;
            return (activity, $"{entities.Count} entities", "entities");
        }

        var field = random.Next(2) == 0 ? "membersAdded" : "membersRemoved";
        var members = new JsonArray();
        for (var i = random.Next(ActivityLimits.MaxMembers + 1, 3000); i > 0; i--)
        {
            members.Add(new JsonObject { ["id"] = "29:1m" });
        }

        activity[field] = members;
        return (activity, $"{members.Count} {field}", field);
    }

    public static JsonNode Nested(int depth)
    {
        JsonNode nested = new JsonObject { ["verb"] = "checkin.vote" };
        for (var d = 1; d < depth; d++)
        {
            nested = new JsonObject { ["n"] = nested };
        }

        return nested;
    }

    private static JsonArray Wide(int count)
    {
        var array = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(i);
        }

        return array;
    }

    private static string? Pick(Random random, JsonObject activity, string[] fields)
    {
        var present = fields.Where(f => JsonPaths.Get(activity, f) is JsonValue v && v.TryGetValue<string>(out _)).ToList();
        return present.Count == 0 ? null : present[random.Next(present.Count)];
    }

    internal enum Filler
    {
        Ascii,
        Unicode,
    }

    /// <summary>A string of exactly <paramref name="length"/> UTF-16 units: ASCII, or accents, emoji and Arabic.</summary>
    internal static string Fill(Filler filler, int length, Random random)
    {
        var builder = new StringBuilder(length + 2);
        string[] pieces = filler == Filler.Ascii ? ["a", "Z", "9", ":", "@", "-", "_"] : ["é", "😀", "فريق", "x", "<at>", "\n"];
        while (builder.Length < length)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
        }

        // Never end on half a surrogate pair: cutting the emoji would make a different (invalid) case.
        builder.Length = length;
        if (char.IsHighSurrogate(builder[^1]))
        {
            builder[^1] = 'x';
        }

        return builder.ToString();
    }
}
