using System.Text.Json.Nodes;
using NJsonSchema;

namespace TrustBot.Testing.Schemas;

/// <summary>
/// Loads JSON schemas into NJsonSchema 11 after the fix-ups it needs: it ignores <c>"const"</c> (so each becomes a
/// one-value <c>"enum"</c>) and cannot load the draft-03 leftover <c>"required": false</c> (so boolean
/// <c>required</c> values are dropped).
/// </summary>
public static class SchemaLoader
{
    // Keywords whose values are instance data, not subschemas: a "const" key inside them is a value to keep.
    private static readonly HashSet<string> DataKeywords = ["const", "enum", "default", "examples"];

    // Keywords whose values map names to subschemas: their keys are names, never keywords.
    private static readonly HashSet<string> NameMapKeywords = ["properties", "definitions", "$defs", "patternProperties", "dependencies"];

    /// <summary>Loads the schema at <paramref name="path"/>; <paramref name="allowMsTeams"/> lets an AdaptiveCard carry the Teams-only <c>msteams</c> object.</summary>
    public static async Task<JsonSchema> LoadAsync(string path, bool allowMsTeams = false, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(path);
        var text = await File.ReadAllTextAsync(fullPath, cancellationToken);
        var root = JsonNode.Parse(text) ?? throw new InvalidDataException($"The schema '{fullPath}' is empty.");
        var prepared = Prepare(root, allowMsTeams);
        return await JsonSchema.FromJsonAsync(prepared.ToJsonString(), fullPath, cancellationToken);
    }

    /// <summary>Returns a copy of <paramref name="schema"/> with the fix-ups applied; the input is not changed.</summary>
    public static JsonNode Prepare(JsonNode schema, bool allowMsTeams = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var copy = schema.DeepClone();
        RewriteSchema(copy);
        if (allowMsTeams && copy["definitions"]?["AdaptiveCard"]?["properties"] is JsonObject cardProperties)
        {
            cardProperties["msteams"] = new JsonObject { ["type"] = "object" };
        }

        return copy;
    }

    private static void RewriteSchema(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                if (schema.ContainsKey("const") && !schema.ContainsKey("enum"))
                {
                    var value = schema["const"]?.DeepClone();
                    schema.Remove("const");
                    schema["enum"] = new JsonArray { value };
                }

                if (schema["required"] is JsonValue)
                {
                    schema.Remove("required");
                }

                foreach (var (keyword, child) in schema.ToList())
                {
                    if (DataKeywords.Contains(keyword))
                    {
                        continue;
                    }

                    if (NameMapKeywords.Contains(keyword) && child is JsonObject map)
                    {
                        foreach (var (_, subschema) in map.ToList())
                        {
                            RewriteSchema(subschema);
                        }
                    }
                    else
                    {
                        RewriteSchema(child);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items.ToList())
                {
                    RewriteSchema(item);
                }

                break;
        }
    }
}
