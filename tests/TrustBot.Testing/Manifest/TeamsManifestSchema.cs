using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using TrustBot.AppPackage;
using TrustBot.Testing.Schemas;

namespace TrustBot.Testing.Manifest;

/// <summary>
/// Validates a Teams app manifest against the official schema of the version the builder targets, as shipped in the
/// npm package <c>@microsoft/app-manifest</c> pinned in tools/package.json.
/// </summary>
public static class TeamsManifestSchema
{
    /// <summary>The npm package that ships every Teams manifest schema version.</summary>
    public const string NpmPackage = "@microsoft/app-manifest";

    private static readonly Lazy<Task<JsonSchema>> Schema = new(
        () => SchemaLoader.LoadAsync(SchemaPath),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lock ValidationLock = new();

    /// <summary>The manifest schema for <see cref="AppPackageBuilder.ManifestVersion"/>; throws, saying how to install it, when missing.</summary>
    public static string SchemaPath => SchemaFile("MicrosoftTeams.schema.json");

    /// <summary>The schema of localization files for <see cref="AppPackageBuilder.ManifestVersion"/>; throws when missing.</summary>
    public static string LocalizationSchemaPath => SchemaFile("MicrosoftTeams.Localization.schema.json");

    /// <summary>Returns the top-level errors (an empty collection for a valid manifest).</summary>
    public static async Task<ICollection<ValidationError>> ValidateAsync(JsonNode manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var schema = await Schema.Value;
        var json = manifest.ToJsonString();

        // Validation walks lazily resolved references; one at a time keeps parallel test classes safe.
        lock (ValidationLock)
        {
            return schema.Validate(json);
        }
    }

    private static string SchemaFile(string name) => RepoPaths.RequireToolsPackageFile(
        NpmPackage,
        Path.Combine("build", "json-schemas", "teams", "v" + AppPackageBuilder.ManifestVersion, name));
}
