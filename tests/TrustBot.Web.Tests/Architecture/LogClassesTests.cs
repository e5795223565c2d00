using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using TrustBot.Testing;

namespace TrustBot.Web.Tests.Architecture;

/// <summary>
/// One rule for who owns a log line: each folder that logs has one log class, named after the folder
/// (<c>&lt;Folder&gt;Log</c>, in Storage <c>&lt;Folder&gt;StorageLog</c> so it is not mistaken for Core's), and only that
/// folder writes through it. A newcomer then knows where a line goes and where to find it.
/// </summary>
public sealed class LogClassesTests
{
    private static readonly (string Project, Assembly Assembly)[] Projects =
    [
        ("TrustBot.Protocol", typeof(TrustBot.Protocol.BotOptions).Assembly),
        ("TrustBot.Core", typeof(TrustBot.Core.Installations.Installation).Assembly),
        ("TrustBot.Storage", typeof(TrustBot.Storage.Hosting.StorageServiceCollectionExtensions).Assembly),
        ("TrustBot.Web", typeof(Program).Assembly),
    ];

    [Fact]
    public void EveryLogClass_IsNamedAfterItsFolder_AndIsTheFoldersOnlyOne()
    {
        var logClasses = LogClasses().ToList();

        Assert.NotEmpty(logClasses);
        Assert.All(logClasses, c => Assert.True(
            c.Type.Name == ExpectedName(c.Project, c.Folder),
            $"{c.Type.FullName} logs for folder {c.Folder}; name it {ExpectedName(c.Project, c.Folder)}."));
        var crowded = logClasses.GroupBy(c => c.Type.Namespace).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(crowded.Count == 0, $"More than one log class in {string.Join(", ", crowded)}.");
    }

    [Fact]
    public void LogClasses_AreUsedOnlyInTheirOwnFolder()
    {
        var strays = new List<string>();
        foreach (var (project, folder, type) in LogClasses())
        {
            var uses = new Regex($@"\b{type.Name}\.\w+\(", RegexOptions.None, TimeSpan.FromSeconds(1));
            // Storage's log lines are extension methods on ILogger: a call names the method, not the class.
            var extensionNames = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute)))
                .Select(m => m.Name)
                .Where(name => !DeclaredElsewhere(type, name))
                .ToList();
            var extensionUses = extensionNames.Count == 0
                ? null
                : new Regex($@"_?logger\.(?:{string.Join('|', extensionNames)})\(", RegexOptions.None, TimeSpan.FromSeconds(1));
            var projectRoot = Path.Combine(RepoPaths.RepoRoot, "src", project);
            foreach (var file in SourceFiles(projectRoot))
            {
                var fileFolder = FolderOfFile(projectRoot, file);
                if (fileFolder == folder)
                {
                    continue;
                }

                var text = File.ReadAllText(file);
                if (uses.IsMatch(text) || (extensionUses?.IsMatch(text) ?? false))
                {
                    strays.Add($"{Path.GetRelativePath(RepoPaths.RepoRoot, file)} writes through {type.Name}");
                }
            }
        }

        Assert.True(strays.Count == 0, string.Join(Environment.NewLine, strays));
    }

    [Fact]
    public void TheRule_FindsTheLogClasses()
    {
        // The reflection above must see log classes in every project, or the two tests would pass on nothing.
        var projects = LogClasses().Select(c => c.Project).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(Projects.Select(p => p.Project).Order(StringComparer.Ordinal), projects);
    }

    private static IEnumerable<(string Project, string Folder, Type Type)> LogClasses() =>
        from project in Projects
        from type in project.Assembly.GetTypes()
        where type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Any(m => m.IsDefined(typeof(LoggerMessageAttribute)))
        select (project.Project, FolderOf(project.Project, type.Namespace!), type);

    private static string ExpectedName(string project, string folder) =>
        project == "TrustBot.Storage" ? $"{folder}StorageLog" : $"{folder}Log";

    private static string FolderOf(string project, string ns) =>
        ns.Length > project.Length ? ns[(project.Length + 1)..].Split('.')[0] : "(root)";

    private static string FolderOfFile(string projectRoot, string file)
    {
        var parts = Path.GetRelativePath(projectRoot, file).Split(Path.DirectorySeparatorChar);
        return parts.Length == 1 ? "(root)" : parts[0];
    }

    private static bool DeclaredElsewhere(Type logClass, string methodName) =>
        logClass.Assembly.GetTypes().Any(t => t != logClass
            && t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(m => m.Name == methodName));

    private static IEnumerable<string> SourceFiles(string projectRoot) =>
        Directory.EnumerateFiles(projectRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(projectRoot, f).Split(Path.DirectorySeparatorChar)[0].Equals("bin", StringComparison.Ordinal)
                && !Path.GetRelativePath(projectRoot, f).Split(Path.DirectorySeparatorChar)[0].Equals("obj", StringComparison.Ordinal));
}
