namespace TrustBot.Testing;

/// <summary>Locates the repository and the shared validation assets from a test's output folder.</summary>
public static class RepoPaths
{
    /// <summary>Overrides where the shared assets live (a folder holding <c>schemas/</c>).</summary>
    public const string SharedRootVariable = "TRUSTBOT_SHARED_ROOT";

    private const string SolutionFileName = "TrustBot.sln";

    private static readonly Lazy<string> LazyRepoRoot = new(FindRepoRoot);
    private static readonly Lazy<string> LazySharedRoot = new(FindSharedRoot);

    /// <summary>The folder holding TrustBot.sln.</summary>
    public static string RepoRoot => LazyRepoRoot.Value;

    /// <summary>
    /// The shared folder with the schemas: <c>&lt;repo&gt;/../shared</c>, or the nearest <c>shared</c> folder beside an
    /// ancestor of the repo (git worktrees sit one level deeper than the main checkout).
    /// </summary>
    public static string SharedRoot => LazySharedRoot.Value;

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

    private static string FindSharedRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(SharedRootVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(Path.Combine(fromEnvironment, "schemas"))
                ? Path.GetFullPath(fromEnvironment)
                : throw new DirectoryNotFoundException(
                    $"{SharedRootVariable} is '{fromEnvironment}', but it has no 'schemas' folder.");
        }

        var expected = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "schemas")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"The shared validation assets are missing: expected '{expected}' (with a 'schemas' folder) or a 'shared' folder "
            + $"beside an ancestor of the repository. Set {SharedRootVariable} to point at it.");
    }
}
