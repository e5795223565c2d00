namespace TrustBot.Testing;

/// <summary>Locates the repository from a test's output folder; nothing outside it is ever read.</summary>
public static class RepoPaths
{
    private const string SolutionFileName = "TrustBot.sln";

    private static readonly Lazy<string> LazyRepoRoot = new(FindRepoRoot);

    /// <summary>The folder holding TrustBot.sln.</summary>
    public static string RepoRoot => LazyRepoRoot.Value;

    /// <summary>The pinned npm packages that <c>npm ci --prefix tools</c> installs (tools/package-lock.json).</summary>
    public static string ToolsNodeModules => Path.Combine(RepoRoot, "tools", "node_modules");

    /// <summary>
    /// A file inside an npm package pinned in tools/; a missing file fails with the command that installs it, since
    /// a fresh clone has no node_modules until then.
    /// </summary>
    public static string RequireToolsPackageFile(string packageName, string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageName);
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var path = Path.Combine(ToolsNodeModules, packageName, relativePath);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"'{path}' is missing: the npm package {packageName} pinned in tools/package.json is not installed. "
                + "Run 'npm ci --prefix tools' (or './tools/test.sh', which does it) from the repository root.",
                path);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find {SolutionFileName} in '{AppContext.BaseDirectory}' or any folder above it; run the tests from the repository.");
    }
}
