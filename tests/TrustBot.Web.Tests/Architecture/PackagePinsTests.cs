using System.Text.Json;
using System.Xml.Linq;
using TrustBot.Testing;

namespace TrustBot.Web.Tests.Architecture;

/// <summary>
/// Every version pinned in Directory.Packages.props is used: referenced by a project, or part of a project's restored
/// package graph (a transitive pin). A pin nobody uses tells a reader a dependency exists that does not.
/// </summary>
public sealed class PackagePinsTests
{
    [Fact]
    public void EveryPin_IsReferencedOrRestoredTransitively()
    {
        var pins = XDocument.Load(Path.Combine(RepoPaths.RepoRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Select(e => (Name: e.Attribute("Include")!.Value, Version: e.Attribute("Version")!.Value))
            .ToList();
        var projects = ProjectFiles().ToList();
        var referenced = projects
            .SelectMany(p => XDocument.Load(p).Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var restored = projects.SelectMany(RestoredPackages).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.NotEmpty(pins);
        Assert.NotEmpty(restored);
        var unused = pins.Where(p => !referenced.Contains(p.Name) && !restored.Contains($"{p.Name}/{p.Version}")).Select(p => p.Name).ToList();
        Assert.True(unused.Count == 0, $"Pinned but neither referenced nor restored by any project: {string.Join(", ", unused)}. Remove the pin.");
    }

    private static IEnumerable<string> ProjectFiles() =>
        new[] { "src", "tests" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(RepoPaths.RepoRoot, dir), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // The restore graph (name/version of every package a project resolved) from its obj/project.assets.json; the
    // build before the tests restores every project of the solution.
    private static IEnumerable<string> RestoredPackages(string project)
    {
        var assets = Path.Combine(Path.GetDirectoryName(project)!, "obj", "project.assets.json");
        if (!File.Exists(assets))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        return document.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "package")
            .Select(library => library.Name)
            .ToList();
    }
}
