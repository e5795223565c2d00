using System.Reflection;
using System.Xml.Linq;
using TrustBot.Testing;

namespace TrustBot.Web.Tests.Architecture;

/// <summary>The one-way project graph is what keeps the protocol layer swappable and the domain free of hosts.</summary>
public sealed class ProjectGraphTests
{
    private static readonly Assembly Protocol = typeof(TrustBot.Protocol.BotOptions).Assembly;
    private static readonly Assembly Core = typeof(TrustBot.Core.Installations.Installation).Assembly;
    private static readonly Assembly Storage = typeof(TrustBot.Storage.Hosting.StorageServiceCollectionExtensions).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;

    [Fact]
    public void Protocol_ReferencesNothingOfOurs()
    {
        Assert.Empty(OurReferences(Protocol));
        Assert.Empty(ProjectReferences("src/TrustBot.Protocol/TrustBot.Protocol.csproj"));
    }

    [Fact]
    public void Core_ReferencesNothingOfOurs_AndNoAzureOrAspNetCore()
    {
        Assert.Empty(OurReferences(Core));
        Assert.Empty(ProjectReferences("src/TrustBot.Core/TrustBot.Core.csproj"));
        var forbidden = Core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Azure.", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(forbidden);
    }

    [Fact]
    public void Storage_ReferencesOnlyCore()
    {
        Assert.Equal(["TrustBot.Core"], OurReferences(Storage));
        Assert.Equal(["TrustBot.Core"], ProjectReferences("src/TrustBot.Storage/TrustBot.Storage.csproj"));
    }

    [Fact]
    public void AppPackage_ReferencesNothingOfOurs_AndNoProductProjectReferencesIt()
    {
        // The packaging tool is product code that the tests use, never the other way round, and the bot does not ship it.
        Assert.Empty(ProjectReferences("src/TrustBot.AppPackage/TrustBot.AppPackage.csproj"));
        foreach (var project in new[] { "Protocol", "Core", "Storage", "Web" })
        {
            Assert.DoesNotContain("TrustBot.AppPackage", ProjectReferences($"src/TrustBot.{project}/TrustBot.{project}.csproj"));
        }
    }

    [Fact]
    public void Web_ComposesAllThree()
    {
        Assert.Equal(["TrustBot.Core", "TrustBot.Protocol", "TrustBot.Storage"], OurReferences(Web));
    }

    [Fact]
    public void TestProjects_MirrorSourceProjects()
    {
        foreach (var project in new[] { "Protocol", "Core", "Storage", "Web" })
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.RepoRoot, "tests", $"TrustBot.{project}.Tests", $"TrustBot.{project}.Tests.csproj")), project);
        }
    }

    private static List<string> OurReferences(Assembly assembly) => assembly.GetReferencedAssemblies()
        .Select(a => a.Name!)
        .Where(n => n.StartsWith("TrustBot.", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    // Assembly references only show types actually used; the csproj shows what the compiler would allow.
    private static List<string> ProjectReferences(string relativePath) => XDocument.Load(Path.Combine(RepoPaths.RepoRoot, relativePath))
        .Descendants("ProjectReference")
        .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
        .Order(StringComparer.Ordinal)
        .ToList();
}
