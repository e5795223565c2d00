using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrustBot.Web.Tests.Fuzzing;

/// <summary>Reads and writes activity fields by their JSON path (<c>entities[0].mentioned.id</c>), as the bot names them.</summary>
internal static class JsonPaths
{
    // Raw UTF-8 like the Bot Connector sends, instead of \uXXXX escapes that would inflate non-ASCII text sixfold.
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 256 };

    public static string Serialize(JsonNode node) => node.ToJsonString(Wire);

    public static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in Segments(path))
        {
            node = segment switch
            {
                int index when node is JsonArray array && index < array.Count => array[index],
                string name when node is JsonObject obj => obj[name],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static bool Exists(JsonNode root, string path) => Get(root, path) is not null;

    /// <summary>Sets the field, creating missing objects on the way; array items must already exist.</summary>
    public static void Set(JsonNode root, string path, JsonNode? value)
    {
        var segments = Segments(path);
        var node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            node = segments[i] switch
            {
                int index => node.AsArray()[index]!,
                string name => node[name] ??= new JsonObject(),
                _ => throw new InvalidOperationException(path),
            };
        }

        switch (segments[^1])
        {
            case int index:
                node.AsArray()[index] = value;
                break;
            case string name:
                node.AsObject()[name] = value;
                break;
        }
    }

    /// <summary>Every string leaf under <paramref name="root"/>, as paths.</summary>
    public static List<string> StringLeaves(JsonNode root)
    {
        var paths = new List<string>();
        Collect(root, string.Empty, paths);
        return paths;
    }

    /// <summary>Every member and item under <paramref name="root"/>, as paths.</summary>
    public static List<string> AllPaths(JsonNode root)
    {
        var paths = new List<string>();
        Collect(root, string.Empty, paths, leavesOnly: false);
        return paths;
    }

    private static void Collect(JsonNode? node, string path, List<string> paths, bool leavesOnly = true)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path.Length == 0 ? name : path + "." + name;
                    if (!leavesOnly)
                    {
                        paths.Add(childPath);
                    }

                    Collect(child, childPath, paths, leavesOnly);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    if (!leavesOnly)
                    {
                        paths.Add(childPath);
                    }

                    Collect(array[i], childPath, paths, leavesOnly);
                }

                break;
            case JsonValue value when leavesOnly && value.TryGetValue<string>(out _):
                paths.Add(path);
                break;
        }
    }

    private static List<object> Segments(string path)
    {
        var segments = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            segments.Add(bracket < 0 ? part : part[..bracket]);
            while (bracket >= 0)
            {
                var end = part.IndexOf(']', bracket);
                segments.Add(int.Parse(part.AsSpan(bracket + 1, end - bracket - 1), CultureInfo.InvariantCulture));
                bracket = part.IndexOf('[', end);
            }
        }

        return segments;
    }
}
