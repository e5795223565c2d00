using System.Text.Json.Nodes;
using NJsonSchema;
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
        var path = Path.Combine(Path.GetTempPath(), $"trustbot-schema-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
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
    public async Task LoadAsync_AdaptiveCard16_LoadsDespiteBooleanRequired()
    {
        var path = Path.Combine(RepoPaths.SharedRoot, "schemas", "adaptive-card", "1.6", "adaptive-card.json");

        var schema = await SchemaLoader.LoadAsync(path);

        Assert.IsType<JsonSchema>(schema);
        Assert.NotEmpty(schema.Definitions);
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
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.SharedRoot, "schemas", "adaptive-card")));
    }
}
