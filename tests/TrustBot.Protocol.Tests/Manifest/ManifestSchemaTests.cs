using System.Text.Json.Nodes;
using TrustBot.AppPackage;
using TrustBot.Testing.Manifest;
using TrustBot.Testing.Schemas;

namespace TrustBot.Protocol.Tests.Manifest;

/// <summary>The schema check of the built manifest must be able to fail: each broken manifest here is rejected.</summary>
public sealed class ManifestSchemaTests : IDisposable
{
    private readonly PackageWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Validate_BotWithoutBotId_IsRejected()
    {
        var manifest = BuiltManifest();
        manifest["bots"]![0]!.AsObject().Remove("botId");

        var errors = await TeamsManifestSchema.ValidateAsync(manifest);

        Assert.Contains(errors, e => e.Path == "#/bots[0]");
    }

    [Fact]
    public async Task Validate_AppIdThatIsNotAGuid_IsRejected()
    {
        var manifest = BuiltManifest();
        manifest["id"] = "trustbot";

        var errors = await TeamsManifestSchema.ValidateAsync(manifest);

        Assert.Contains(errors, e => e.Path == "#/id");
    }

    [Fact]
    public async Task Validate_MissingOutlineIcon_IsRejected()
    {
        var manifest = BuiltManifest();
        manifest["icons"]!.AsObject().Remove("outline");

        var errors = await TeamsManifestSchema.ValidateAsync(manifest);

        Assert.Contains(errors, e => e.Path == "#/icons.outline");
    }

    [Fact]
    public async Task Validate_UnknownTopLevelProperty_IsRejected()
    {
        var manifest = BuiltManifest();
        manifest["botsAndMore"] = new JsonArray();

        var errors = await TeamsManifestSchema.ValidateAsync(manifest);

        Assert.Contains(errors, e => e.Path == "#/botsAndMore");
    }

    [Fact]
    public void SchemaPaths_ComeFromThePinnedNpmPackageForTheTargetVersion()
    {
        var folder = Path.Combine("tools", "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams", "v" + AppPackageBuilder.ManifestVersion);

        Assert.EndsWith(Path.Combine(folder, "MicrosoftTeams.schema.json"), TeamsManifestSchema.SchemaPath, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine(folder, "MicrosoftTeams.Localization.schema.json"), TeamsManifestSchema.LocalizationSchemaPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalizationSchema_Loads_AndRejectsAnUnknownKey()
    {
        var schema = await SchemaLoader.LoadAsync(TeamsManifestSchema.LocalizationSchemaPath);

        Assert.NotEmpty(schema.Validate("""{"name.short":"TrustBot","notAManifestKey":1}"""));
    }

    private JsonObject BuiltManifest()
    {
        var result = _workspace.Build();
        Assert.True(result.ExitCode == PackageCommand.Success, result.Error);
        return _workspace.ReadManifest();
    }
}
