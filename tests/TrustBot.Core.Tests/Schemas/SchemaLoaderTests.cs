using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using TrustBot.Testing;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Schemas;

public sealed class SchemaLoaderTests
{
    [Fact]
    public void Prepare_Const_BecomesSingleValueEnum()
    {
        var schema = JsonNode.Parse("""{"properties":{"manifestVersion":{"const":"1.30"}}}""")!;

        var prepared = SchemaLoader.Prepare(schema);

        var property = prepared["properties"]!["manifestVersion"]!.AsObject();
        Assert.False(property.ContainsKey("const"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["1.30"]"""), property["enum"]));
        Assert.NotNull(schema["properties"]!["manifestVersion"]!["const"]);
    }

    [Fact]
    public void Prepare_BooleanRequired_IsRemovedButRequiredListsStay()
    {
        var schema = JsonNode.Parse("""{"required":["a"],"properties":{"a":{"type":"string","required":false}}}""")!;

        var prepared = SchemaLoader.Prepare(schema);

        Assert.False(prepared["properties"]!["a"]!.AsObject().ContainsKey("required"));
        Assert.IsType<JsonArray>(prepared["required"]);
    }

    [Fact]
    public void Prepare_PropertyNamedConst_IsLeftAlone()
    {
        var schema = JsonNode.Parse("""{"properties":{"const":{"type":"string"}}}""")!;

        var prepared = SchemaLoader.Prepare(schema);

        Assert.Equal("string", (string?)prepared["properties"]!["const"]!["type"]);
    }

    [Fact]
    public async Task LoadAsync_SchemaWithConst_RejectsOtherValues()
    {
        var path = await WriteSchemaAsync("""
            {"$schema":"http://json-schema.org/draft-04/schema#","type":"object",
             "properties":{"manifestVersion":{"type":"string","const":"1.30"}}}
            """);
        try
        {
            var schema = await SchemaLoader.LoadAsync(path);

            Assert.Empty(schema.Validate("""{"manifestVersion":"1.30"}"""));
            Assert.NotEmpty(schema.Validate("""{"manifestVersion":"1.17"}"""));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task LoadAsync_SchemaWithBooleanRequired_LoadsAndStillEnforcesRequiredLists()
    {
        // The draft-03 leftover "required": false (as in the Adaptive Cards 1.6 schema) stops NJsonSchema from loading.
        var path = await WriteSchemaAsync("""
            {"$schema":"http://json-schema.org/draft-06/schema#","type":"object","required":["url"],
             "properties":{"url":{"type":"string"},"mimeType":{"type":"string","required":false}}}
            """);
        try
        {
            var schema = await SchemaLoader.LoadAsync(path);

            Assert.Empty(schema.Validate("""{"url":"https://example.test/a.mp4"}"""));
            Assert.Contains(schema.Validate("""{"mimeType":"video/mp4"}"""), e => e.Kind == ValidationErrorKind.PropertyRequired);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FromJsonAsync_SchemaWithBooleanRequired_FailsWithoutTheFixUp()
    {
        // Proves the fix-up above is needed: if NJsonSchema ever loads this as it is, the fix-up can go.
        const string schema = """{"type":"object","properties":{"mimeType":{"type":"string","required":false}}}""";

        await Assert.ThrowsAnyAsync<Exception>(() => JsonSchema.FromJsonAsync(schema));
    }

    [Fact]
    public async Task LoadAsync_WithoutAllowMsTeams_RejectsMsTeamsProperty()
    {
        var schema = await SchemaLoader.LoadAsync(AdaptiveCardSchema.SchemaPath);
        const string card = """{"type":"AdaptiveCard","version":"1.5","body":[],"msteams":{"width":"Full"}}""";

        var errors = schema.Validate(card);

        Assert.Contains(errors, e => e.Path == "#/msteams");
    }

    [Fact]
    public void RepoPaths_RepoRoot_HoldsTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.RepoRoot, "TrustBot.sln")));
    }

    [Fact]
    public void RequireToolsPackageFile_Missing_SaysHowToInstallIt()
    {
        var error = Assert.Throws<FileNotFoundException>(
            () => RepoPaths.RequireToolsPackageFile("@microsoft/app-manifest", "no-such-file.json"));

        Assert.Contains("npm ci --prefix tools", error.Message, StringComparison.Ordinal);
        Assert.Contains("./tools/test.sh", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> WriteSchemaAsync(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trustbot-schema-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }
}
