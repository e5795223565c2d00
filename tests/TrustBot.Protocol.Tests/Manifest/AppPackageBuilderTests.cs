using System.IO.Compression;
using System.Text.Json.Nodes;
using TrustBot.AppPackage;
using TrustBot.Testing.Manifest;

namespace TrustBot.Protocol.Tests.Manifest;

public sealed class AppPackageBuilderTests : IDisposable
{
    private static readonly string[] ExpectedCommands = ["checkin", "speakup", "notes", "settings", "leaders", "privacy", "help"];

    private readonly PackageWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Build_ValidArguments_ManifestValidatesAgainstOfficialSchema()
    {
        var result = _workspace.Build();

        Assert.True(result.ExitCode == PackageCommand.Success, result.Error);
        var errors = await TeamsManifestSchema.ValidateAsync(_workspace.ReadManifest());
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Kind} at {e.Path}")));
    }

    [Fact]
    public async Task Validate_ManifestWithOtherVersion_IsRejectedBySchema()
    {
        // Guards the const->enum fix: without it NJsonSchema would let any manifestVersion through.
        Assert.Equal(PackageCommand.Success, _workspace.Build().ExitCode);
        var manifest = _workspace.ReadManifest();
        manifest["manifestVersion"] = "1.17";

        var errors = await TeamsManifestSchema.ValidateAsync(manifest);

        Assert.Contains(errors, e => e.Path == "#/manifestVersion");
    }

    [Fact]
    public void Build_ValidArguments_ZipHoldsExactlyManifestAndBothIconsAtRoot()
    {
        Assert.Equal(PackageCommand.Success, _workspace.Build().ExitCode);

        using var zip = ZipFile.OpenRead(_workspace.ZipPath);
        var names = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["color.png", "manifest.json", "outline.png"], names);
        foreach (var name in new[] { "color.png", "outline.png" })
        {
            using var entry = zip.GetEntry(name)!.Open();
            using var copy = new MemoryStream();
            entry.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(PackageWorkspace.ManifestDirectory, name)), copy.ToArray());
        }
    }

    [Fact]
    public void Build_ValidArguments_FillsEveryPlaceholderFromTheArguments()
    {
        var result = _workspace.Build(
            "--developer", "Contoso \"IT\"", "--website", "https://contoso.example/", "--privacy", "https://contoso.example/p",
            "--terms", "https://contoso.example/t", "--version", "2.3.4", "--name", "Trust Contoso");

        Assert.Equal(PackageCommand.Success, result.ExitCode);
        var manifest = _workspace.ReadManifest();
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(AppPackageBuilder.ManifestVersion, (string?)manifest["manifestVersion"]);
        Assert.Equal(PackageWorkspace.BotId, (string?)manifest["id"]);
        Assert.Equal(PackageWorkspace.BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal([PackageWorkspace.Domain], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal("2.3.4", (string?)manifest["version"]);
        Assert.Equal("Trust Contoso", (string?)manifest["name"]!["short"]);
        Assert.Equal("Contoso \"IT\"", (string?)manifest["developer"]!["name"]);
        Assert.Equal("https://contoso.example/p", (string?)manifest["developer"]!["privacyUrl"]);
        Assert.Equal("https://contoso.example/t", (string?)manifest["developer"]!["termsOfUseUrl"]);
        Assert.Equal(AppPackageBuilder.AccentColor, (string?)manifest["accentColor"]);
    }

    [Fact]
    public void Build_OnlyRequiredArguments_DefaultsUrlsToTheDomain()
    {
        Assert.Equal(PackageCommand.Success, _workspace.Build().ExitCode);

        var developer = _workspace.ReadManifest()["developer"]!;
        Assert.Equal($"https://{PackageWorkspace.Domain}/privacy", (string?)developer["privacyUrl"]);
        Assert.Equal($"https://{PackageWorkspace.Domain}/terms", (string?)developer["termsOfUseUrl"]);
    }

    [Fact]
    public void Build_AppIdGiven_UsesItForTheAppAndBotIdForTheBot()
    {
        const string appId = "6a1e2f3d-4c5b-4a69-8877-665544332211";

        Assert.Equal(PackageCommand.Success, _workspace.Build("--app-id", appId).ExitCode);

        var manifest = _workspace.ReadManifest();
        Assert.Equal(appId, (string?)manifest["id"]);
        Assert.Equal(PackageWorkspace.BotId, (string?)manifest["bots"]![0]!["botId"]);
    }

    [Fact]
    public void Build_ValidArguments_BotHasAllScopesAndEveryCommand()
    {
        Assert.Equal(PackageCommand.Success, _workspace.Build().ExitCode);

        var bot = _workspace.ReadManifest()["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        var lists = bot["commandLists"]!.AsArray();
        var listedScopes = lists.SelectMany(l => l!["scopes"]!.AsArray().Select(s => (string)s!)).Order(StringComparer.Ordinal);
        Assert.Equal(["groupChat", "personal", "team"], listedScopes);
        var titles = lists.SelectMany(l => l!["commands"]!.AsArray().Select(c => (string)c!["title"]!)).ToHashSet();
        Assert.Equal(ExpectedCommands.Order(StringComparer.Ordinal), titles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_MissingBotId_FailsWithOneClearLine()
    {
        var result = PackageWorkspace.Run("--domain", PackageWorkspace.Domain, "--out", _workspace.ZipPath);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Missing --bot-id", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.ZipPath));
    }

    [Theory]
    [InlineData("--bot-id", "not-a-guid", "--bot-id 'not-a-guid' is not a GUID")]
    [InlineData("--app-id", "1234", "--app-id '1234' is not a GUID")]
    [InlineData("--domain", "https://trustbot.contoso.example", "--domain 'https://trustbot.contoso.example' must be a bare host name")]
    [InlineData("--domain", "trustbot.contoso.example/api", "must be a bare host name")]
    [InlineData("--privacy", "http://contoso.example/privacy", "--privacy 'http://contoso.example/privacy' must be an absolute https:// URL")]
    [InlineData("--website", "contoso.example", "--website 'contoso.example' must be an absolute https:// URL")]
    [InlineData("--version", "1.0", "--version '1.0' must be major.minor.patch")]
    [InlineData("--name", "A name that is far longer than thirty characters", "--name must be 1 to 30 characters")]
    public void Build_InvalidArgument_FailsNamingTheOption(string option, string value, string expected)
    {
        var result = _workspace.Build(option, value);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.ZipPath));
    }

    [Fact]
    public void Build_TemplateWithWrongManifestVersion_FailsNamingBothVersions()
    {
        var template = _workspace.WriteTemplate(t => t
            .Replace("\"manifestVersion\": \"1.30\"", "\"manifestVersion\": \"1.17\"", StringComparison.Ordinal)
            .Replace("/v1.30/", "/v1.17/", StringComparison.Ordinal));

        var result = _workspace.Build("--template", template);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        Assert.Contains("manifestVersion '1.17'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"targets {AppPackageBuilder.ManifestVersion}", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.ZipPath));
    }

    [Fact]
    public void Build_TemplateWithSchemaUrlOfAnotherVersion_Fails()
    {
        var template = _workspace.WriteTemplate(t => t.Replace("/v1.30/", "/v1.25/", StringComparison.Ordinal));

        var result = _workspace.Build("--template", template);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        Assert.Contains("$schema", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TemplateWithUnknownPlaceholder_FailsNamingIt()
    {
        var template = _workspace.WriteTemplate(t => t.Replace("\"color.png\"", "\"{{COLOR_ICON}}\"", StringComparison.Ordinal));

        var result = _workspace.Build("--template", template);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        Assert.Contains("Placeholder {{COLOR_ICON}} is left", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.ZipPath));
    }

    [Fact]
    public void Build_TemplateWithHardCodedBotId_FailsBecauseTheBotIdIsNotTheGivenOne()
    {
        var template = _workspace.WriteTemplate(t =>
            t.Replace("\"botId\": \"{{BOT_ID}}\"", "\"botId\": \"11111111-2222-3333-4444-555555555555\"", StringComparison.Ordinal));

        var result = _workspace.Build("--template", template);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        Assert.Contains("no bot with the given bot id", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OutlineIconWithoutAlphaChannel_Fails()
    {
        var icons = IconFolder(outline: RgbOnly(TestPng.Encode(32, 32, new byte[32 * 32 * 4])));

        var result = _workspace.Build("--icons", icons);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        Assert.Contains("has no alpha channel", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.ZipPath));
    }

    [Fact]
    public void Build_ColourIconOfWrongSize_Fails()
    {
        var icons = IconFolder(color: TestPng.Encode(100, 100, new byte[100 * 100 * 4]));

        var result = _workspace.Build("--icons", icons);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        Assert.Contains("is 100x100; Teams needs 192x192", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.ZipPath));
    }

    [Fact]
    public void Build_OutlineIconThatIsNotAPng_Fails()
    {
        var icons = IconFolder(outline: "GIF89a, not a PNG at all......"u8.ToArray());

        var result = _workspace.Build("--icons", icons);

        Assert.Equal(PackageCommand.Failure, result.ExitCode);
        Assert.Contains("is not a usable PNG: not a PNG file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownOption_ReturnsUsageError()
    {
        var result = PackageWorkspace.Run("--bot", PackageWorkspace.BotId);

        Assert.Equal(PackageCommand.Usage, result.ExitCode);
        Assert.Contains("unknown option '--bot'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwiceWithSameArguments_WritesIdenticalZips()
    {
        Assert.Equal(PackageCommand.Success, _workspace.Build().ExitCode);
        var first = File.ReadAllBytes(_workspace.ZipPath);

        Assert.Equal(PackageCommand.Success, _workspace.Build().ExitCode);

        Assert.Equal(first, File.ReadAllBytes(_workspace.ZipPath));
    }

    [Fact]
    public void Build_ManifestIsParsedJsonNotTextSubstitution_QuotesStayInsideTheValue()
    {
        var result = _workspace.Build("--description", "Says \"hi\" \\ and {braces}");

        Assert.Equal(PackageCommand.Success, result.ExitCode);
        var description = _workspace.ReadManifest()["description"] as JsonObject;
        Assert.Equal("Says \"hi\" \\ and {braces}", (string?)description!["short"]);
    }

    // A folder with the committed icons, except those given.
    private string IconFolder(byte[]? color = null, byte[]? outline = null)
    {
        var icons = Path.Combine(_workspace.Root, "icons");
        Directory.CreateDirectory(icons);
        foreach (var (name, bytes) in new[] { ("color.png", color), ("outline.png", outline) })
        {
            File.WriteAllBytes(Path.Combine(icons, name), bytes ?? File.ReadAllBytes(Path.Combine(PackageWorkspace.ManifestDirectory, name)));
        }

        return icons;
    }

    // Relabels an RGBA PNG's IHDR as colour type 2 (RGB): the header check needs no valid pixel data behind it.
    private static byte[] RgbOnly(byte[] png)
    {
        png[25] = 2;
        return png;
    }
}
