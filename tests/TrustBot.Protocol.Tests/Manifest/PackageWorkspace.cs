using System.IO.Compression;
using System.Text.Json.Nodes;
using TrustBot.AppPackage;
using TrustBot.Testing;

namespace TrustBot.Protocol.Tests.Manifest;

/// <summary>A temp folder per test, and the build command run in-process exactly as manifest/build-package.sh runs it.</summary>
internal sealed class PackageWorkspace : IDisposable
{
    public const string BotId = "0b6f1c52-3d7e-4a8b-9c21-5e4f7a9d8c30";
    public const string Domain = "trustbot.contoso.example";

    public PackageWorkspace()
    {
        Directory.CreateDirectory(Root);
    }

    public static string ManifestDirectory => Path.Combine(RepoPaths.RepoRoot, "manifest");

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "trustbot-manifest-" + Guid.NewGuid().ToString("N"));

    public string ZipPath => Path.Combine(Root, "out", "app.zip");

    public static CommandResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = PackageCommand.Run(args, ManifestDirectory, output, error);
        return new CommandResult(code, output.ToString(), error.ToString());
    }

    public CommandResult Build(params string[] extra) =>
        Run(["--bot-id", BotId, "--domain", Domain, "--out", ZipPath, .. extra]);

    public JsonObject ReadManifest()
    {
        using var zip = ZipFile.OpenRead(ZipPath);
        using var stream = zip.GetEntry(AppPackageBuilder.ManifestEntryName)!.Open();
        return (JsonObject)JsonNode.Parse(stream)!;
    }

    public string WriteTemplate(Func<string, string> edit)
    {
        var path = Path.Combine(Root, "template.json");
        File.WriteAllText(path, edit(File.ReadAllText(Path.Combine(ManifestDirectory, PackageCommand.TemplateFileName))));
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
