using System.Text.RegularExpressions;
using TrustBot.Testing;

namespace TrustBot.Core.Tests.Architecture;

/// <summary>
/// Core's folders and which other Core folders each one imports (<c>using TrustBot.Core.X</c>), read from the source,
/// with the strongly connected groups: folders that reach each other through imports, i.e. one knot.
/// </summary>
internal sealed partial class FolderGraph
{
    private const string Root = "(root)";

    private FolderGraph(Dictionary<string, SortedSet<string>> imports) => Imports = imports;

    public IReadOnlyDictionary<string, SortedSet<string>> Imports { get; }

    public static FolderGraph Read()
    {
        var core = Path.Combine(RepoPaths.RepoRoot, "src", "TrustBot.Core");
        var imports = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(core, file).Split(Path.DirectorySeparatorChar);
            if (relative[0] is "bin" or "obj")
            {
                continue;
            }

            var folder = relative.Length == 1 ? Root : relative[0];
            var targets = imports.TryGetValue(folder, out var known) ? known : imports[folder] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Match match in UsingCore().Matches(File.ReadAllText(file)))
            {
                if (match.Groups[1].Value != folder)
                {
                    targets.Add(match.Groups[1].Value);
                }
            }
        }

        return new FolderGraph(imports);
    }

    /// <summary>Every group of two or more folders that import each other, directly or round a loop (Tarjan's algorithm).</summary>
    public List<SortedSet<string>> Knots()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var knots = new List<SortedSet<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in Imports.GetValueOrDefault(folder) ?? [])
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], seen);
                }
            }

            if (low[folder] == index[folder])
            {
                var group = new SortedSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != folder);

                if (group.Count > 1)
                {
                    knots.Add(group);
                }
            }
        }

        foreach (var folder in Imports.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(folder))
            {
                Visit(folder);
            }
        }

        return knots;
    }

    public override string ToString() =>
        string.Join(Environment.NewLine, Imports.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key} -> {string.Join(", ", i.Value)}"));

    [GeneratedRegex(@"^using (?:static )?TrustBot\.Core\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingCore();
}
