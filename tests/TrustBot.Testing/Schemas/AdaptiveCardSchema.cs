using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace TrustBot.Testing.Schemas;

/// <summary>Validates cards against the official Adaptive Cards 1.5 schema (with Teams' <c>msteams</c> property allowed).</summary>
public static class AdaptiveCardSchema
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(
        () => SchemaLoader.LoadAsync(SchemaPath, allowMsTeams: true),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lock ValidationLock = new();

    /// <summary>The schema file under the shared assets.</summary>
    public static string SchemaPath => Path.Combine(RepoPaths.SharedRoot, "schemas", "adaptive-card", "1.5", "adaptive-card.json");

    /// <summary>
    /// Returns the top-level errors only: every element is an <c>anyOf</c> over all element types, so one bad element
    /// carries a child error per alternative, which is noise in an assertion message.
    /// </summary>
    public static async Task<ICollection<ValidationError>> ValidateAsync(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var path = SchemaPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Adaptive Card 1.5 schema is missing at '{path}'.", path);
        }

        var schema = await Schema.Value;
        var json = card.ToJsonString();

        // Validation walks lazily resolved references; one at a time keeps parallel test classes safe.
        lock (ValidationLock)
        {
            return schema.Validate(json);
        }
    }

    /// <summary>Formats errors as <c>Kind at Path</c> lines, for assertion messages.</summary>
    public static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => $"{e.Kind} at {e.Path}"));
}
