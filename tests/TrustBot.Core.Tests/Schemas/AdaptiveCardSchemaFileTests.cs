using System.Security.Cryptography;
using TrustBot.Testing.Schemas;

namespace TrustBot.Core.Tests.Schemas;

public sealed class AdaptiveCardSchemaFileTests
{
    [Fact]
    public void SchemaCopy_Sha256_IsTheOneItsReadmeStates()
    {
        // The copy must stay byte for byte what upstream published; an edit would silently change what cards are held to.
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(AdaptiveCardSchema.SchemaPath)));

        Assert.Equal(AdaptiveCardSchema.SchemaSha256, hash);
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(AdaptiveCardSchema.SchemaPath)!, "README.md"));
        Assert.Contains(AdaptiveCardSchema.SchemaSha256, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaCopy_IsInsideTheRepository()
    {
        var path = Path.GetFullPath(AdaptiveCardSchema.SchemaPath);

        Assert.StartsWith(Path.GetFullPath(TrustBot.Testing.RepoPaths.RepoRoot) + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
    }
}
