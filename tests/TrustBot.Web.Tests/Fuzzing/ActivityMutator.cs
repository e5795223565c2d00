using System.Text;
using System.Text.Json.Nodes;

namespace TrustBot.Web.Tests.Fuzzing;

/// <summary>
/// Mutations of real activity shapes that the bot must survive without a 5xx: missing and null fields (objects,
/// arrays, null items inside arrays), oversize strings in any field, odd characters anywhere, unpaired surrogates,
/// wrong JSON types, huge arrays, deep or non-object values, foreign service URLs, broken JSON and tokens. Some
/// mutations keep the activity legitimate (unmodified, emoji and right-to-left names): those must be accepted.
/// </summary>
internal static class ActivityMutator
{
    /// <summary>Replaced by an escaped unpaired surrogate after serialization (a JSON writer would refuse to write one).</summary>
    private const string LoneSurrogateMarker = "@@lone-surrogate@@";

    private static readonly string[] LegitimateNames = ["Équipe Plateforme 🚀", "فريق المنصة", "צוות 👩🏽‍💻", "日本チーム", "Ada \u200fLovelace"];

    private static readonly string[] ForeignServiceUrls =
    [
        "https://attacker.example.net/", "http://169.254.169.254/latest/", "https://smba.trafficmanager.net.evil.example/",
        "file:///etc/passwd", "https://user:pw@smba.trafficmanager.net/amer/", "not a url", "http://10.0.0.1/", "", "//",
    ];

    private static readonly string[] Types = ["message", "invoke", "installationUpdate", "conversationUpdate", "event", "typing", "", "???", "MESSAGE", "x-new"];

    private static readonly string[] OddCharacters = ["/", "\\", "#", "?", "%", "|", " ", "\u0000", "\u001f", "\u007f", "\u0085", "..", "'", "\"", "\u2028", "😀"];

    /// <summary>Mutates <paramref name="activity"/>; returns the body to send, what was done, and what must come back.</summary>
    public static (string Body, string Description, FuzzExpectation Expectation, string? Field) Mutate(Random random, JsonObject activity)
    {
        switch (random.Next(16))
        {
            case 0:
                return (JsonPaths.Serialize(activity), "unmodified", FuzzExpectation.Accepted, null);
            case 1:
                foreach (var path in new[] { "from.name", "channelData.team.name", "channelData.channel.name", "recipient.name" })
                {
                    if (JsonPaths.Exists(activity, path[..path.LastIndexOf('.')]))
                    {
                        JsonPaths.Set(activity, path, LegitimateNames[random.Next(LegitimateNames.Length)]);
                    }
                }

                return (JsonPaths.Serialize(activity), "emoji and right-to-left names", FuzzExpectation.Accepted, null);
            case 2 or 3:
                return Done(activity, RemoveOrNull(random, activity));
            case 4:
                return Done(activity, NullItems(random, activity));
            case 5 or 6:
                var leaves = JsonPaths.StringLeaves(activity);
                var leaf = leaves[random.Next(leaves.Count)];
                var length = random.Next(4) == 0 ? random.Next(200, 5000) : random.Next(20_000, 112_000);
                JsonPaths.Set(activity, leaf, OutOfBoundsMutator.Fill(random.Next(2) == 0 ? OutOfBoundsMutator.Filler.Ascii : OutOfBoundsMutator.Filler.Unicode, length, random));
                return Done(activity, $"{length} characters in {leaf}");
            case 7:
                var target = JsonPaths.StringLeaves(activity) is var all ? all[random.Next(all.Count)] : "id";
                var odd = OddCharacters[random.Next(OddCharacters.Length)];
                var text = JsonPaths.Get(activity, target)!.GetValue<string>();
                JsonPaths.Set(activity, target, text.Insert(random.Next(text.Length + 1), odd));
                return Done(activity, $"odd character in {target}");
            case 8:
                var surrogateLeaf = JsonPaths.StringLeaves(activity) is var strings ? strings[random.Next(strings.Count)] : "text";
                JsonPaths.Set(activity, surrogateLeaf, "a" + LoneSurrogateMarker + "b");
                var escaped = random.Next(2) == 0 ? "\\ud800" : "\\udc00";
                return (JsonPaths.Serialize(activity).Replace(LoneSurrogateMarker, escaped, StringComparison.Ordinal), $"unpaired surrogate in {surrogateLeaf}", FuzzExpectation.NoServerError, null);
            case 9:
                var paths = JsonPaths.AllPaths(activity);
                JsonPaths.Set(activity, paths[random.Next(paths.Count)], random.Next(4) switch { 0 => 42, 1 => new JsonArray(1, 2), 2 => new JsonObject(), _ => true });
                return Done(activity, "wrong JSON type");
            case 10:
                return Done(activity, HugeArray(random, activity));
            case 11:
                activity["value"] = random.Next(3) switch
                {
                    0 => OutOfBoundsMutator.Nested(random.Next(2, 80)),
                    1 => JsonValue.Create("x"),
                    _ => new JsonArray(new JsonObject { ["action"] = new JsonObject { ["verb"] = 7 } }),
                };
                if (random.Next(2) == 0)
                {
                    activity["type"] = "invoke";
                    activity["name"] = "adaptiveCard/action";
                }

                return Done(activity, "odd value");
            case 12:
                activity["serviceUrl"] = ForeignServiceUrls[random.Next(ForeignServiceUrls.Length)];
                return Done(activity, "foreign or malformed serviceUrl");
            case 13:
                activity["type"] = Types[random.Next(Types.Length)];
                return Done(activity, "other type");
            case 14:
                var json = JsonPaths.Serialize(activity);
                return random.Next(2) == 0
                    ? (json[..random.Next(json.Length)], "truncated JSON", FuzzExpectation.NoServerError, null)
                    : (RandomText(random), "random bytes", FuzzExpectation.NoServerError, null);
            default:
                var (mutated, description, field) = OutOfBoundsMutator.Mutate(random, activity);
                return (JsonPaths.Serialize(mutated), description, FuzzExpectation.OutOfBounds, field);
        }
    }

    private static (string, string, FuzzExpectation, string?) Done(JsonObject activity, string description) =>
        (JsonPaths.Serialize(activity), description, FuzzExpectation.NoServerError, null);

    private static string RemoveOrNull(Random random, JsonObject activity)
    {
        // The objects and arrays the bot reads most, then any member at all.
        string[] favourites = ["entities", "membersAdded", "membersRemoved", "recipient", "from", "conversation", "channelData", "channelData.team", "value", "recipient.id"];
        var paths = JsonPaths.AllPaths(activity);
        var path = random.Next(2) == 0 ? favourites[random.Next(favourites.Length)] : paths[random.Next(paths.Count)];
        if (random.Next(2) == 0)
        {
            JsonPaths.Set(activity, path, null);
            return $"{path} null";
        }

        var dot = path.LastIndexOf('.');
        var parent = dot > 0 ? JsonPaths.Get(activity, path[..dot]) : activity;
        if (parent is JsonObject obj)
        {
            obj.Remove(dot > 0 ? path[(dot + 1)..] : path);
        }

        return $"{path} missing";
    }

    private static string NullItems(Random random, JsonObject activity)
    {
        var field = new[] { "entities", "membersAdded", "membersRemoved" }[random.Next(3)];
        if (activity[field] is not JsonArray array)
        {
            array = [];
            activity[field] = array;
        }

        for (var i = random.Next(1, 4); i > 0; i--)
        {
            array.Insert(random.Next(array.Count + 1), null);
        }

        return $"null items in {field}";
    }

    private static string HugeArray(Random random, JsonObject activity)
    {
        var field = new[] { "entities", "membersAdded", "membersRemoved" }[random.Next(3)];
        var array = new JsonArray();
        for (var i = random.Next(100, 3000); i > 0; i--)
        {
            array.Add(random.Next(3) switch
            {
                0 => null,
                1 => new JsonObject { ["type"] = "mention", ["text"] = "<at>x</at>", ["mentioned"] = new JsonObject { ["id"] = "29:1x" } },
                _ => new JsonObject { ["id"] = "29:1m" },
            });
        }

        activity[field] = array;
        return $"{array.Count} items in {field}";
    }

    private static string RandomText(Random random)
    {
        var bytes = new byte[random.Next(1, 2048)];
        random.NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }
}
