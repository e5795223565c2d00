using System.Text.RegularExpressions;
using TrustBot.Testing;

namespace TrustBot.Core.Tests.Architecture;

/// <summary>
/// Core's folders and which other Core folders each one uses, read from the source: <c>using TrustBot.Core.X</c> lines,
/// names qualified by a folder (<c>Scheduling.TeamSchedule</c>), and types of Core's root namespace, which every folder
/// sees without a using (the root counts as the folder <see cref="Root"/>). With the strongly connected groups: folders
/// that reach each other through these uses, i.e. one knot.
/// </summary>
internal sealed partial class FolderGraph
{
    public const string Root = "(root)";

    private FolderGraph(Dictionary<string, SortedSet<string>> imports) => Imports = imports;

    public IReadOnlyDictionary<string, SortedSet<string>> Imports { get; }

    /// <summary>A graph given by hand, to test the knot detector on a loop of its own.</summary>
    public static FolderGraph Of(params (string From, string To)[] edges)
    {
        var imports = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            (imports.TryGetValue(from, out var targets) ? targets : imports[from] = new SortedSet<string>(StringComparer.Ordinal)).Add(to);
            imports.TryAdd(to, new SortedSet<string>(StringComparer.Ordinal));
        }

        return new FolderGraph(imports);
    }

    /// <summary>Reads the folders of <paramref name="core"/>, by default the Core project of this repository.</summary>
    public static FolderGraph Read(string? core = null)
    {
        core ??= Path.Combine(RepoPaths.RepoRoot, "src", "TrustBot.Core");
        var files = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(file => (Parts: Path.GetRelativePath(core, file).Split(Path.DirectorySeparatorChar), Text: File.ReadAllText(file)))
            .Where(file => file.Parts[0] is not ("bin" or "obj"))
            .Select(file => (Folder: file.Parts.Length == 1 ? Root : file.Parts[0], Code: LineComment().Replace(file.Text, string.Empty)))
            .ToList();
        var folders = files.Select(f => f.Folder).Where(f => f != Root).ToHashSet(StringComparer.Ordinal);
        var rootTypes = files.Where(f => f.Folder == Root).SelectMany(f => TypeDeclaration().Matches(f.Code).Select(m => m.Groups[1].Value)).ToList();
        var usesRootType = rootTypes.Count == 0 ? null : new Regex($@"(?<![.\w])(?:{string.Join('|', rootTypes)})\b", RegexOptions.None, TimeSpan.FromSeconds(1));

        var imports = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (folder, code) in files)
        {
            var targets = imports.TryGetValue(folder, out var known) ? known : imports[folder] = new SortedSet<string>(StringComparer.Ordinal);
            var used = UsingCore().Matches(code).Select(m => m.Groups[1].Value)
                .Concat(QualifiedName().Matches(code).Select(m => m.Groups[1].Value).Where(folders.Contains));
            if (folder != Root && usesRootType is not null && usesRootType.IsMatch(code))
            {
                used = used.Append(Root);
            }

            foreach (var target in used.Where(target => target != folder))
            {
                targets.Add(target);
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

    // A name qualified by a folder, as in Scheduling.TeamSchedule or TrustBot.Core.Scheduling.TeamSchedule; a member
    // access such as team.Leaders.Count is preceded by a dot and does not count.
    [GeneratedRegex(@"(?<![.\w])(?:TrustBot\.Core\.)?([A-Z]\w*)\.[A-Z]\w*")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^\s*(?:(?:public|internal|static|sealed|abstract|partial|readonly|record)\s+)*(?:class|record|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    // Plain line comments (not /// documentation, whose crefs are real uses).
    [GeneratedRegex(@"(?<!/)//(?!/).*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();
}
