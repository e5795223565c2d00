using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using TrustBot.Testing.Schemas;

namespace TrustBot.Testing.Manifest;

/// <summary>Validates a Teams app manifest against the official schema of the version the builder targets.</summary>
public static class TeamsManifestSchema
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(
        () => SchemaLoader.LoadAsync(SchemaPath),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lock ValidationLock = new();

    /// <summary>The schema file under the shared assets, for <see cref="AppPackageBuilder.ManifestVersion"/>.</summary>
    public static string SchemaPath =>
        Path.Combine(RepoPaths.SharedRoot, "schemas", "teams-manifest", AppPackageBuilder.ManifestVersion, "MicrosoftTeams.schema.json");

    /// <summary>Returns the top-level errors (an empty collection for a valid manifest).</summary>
    public static async Task<ICollection<ValidationError>> ValidateAsync(JsonNode manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!File.Exists(SchemaPath))
        {
            throw new FileNotFoundException($"The Teams manifest schema is missing at '{SchemaPath}'.", SchemaPath);
        }

        var schema = await Schema.Value;
        var json = manifest.ToJsonString();

        // Validation walks lazily resolved references; one at a time keeps parallel test classes safe.
        lock (ValidationLock)
        {
            return schema.Validate(json);
        }
    }
}
