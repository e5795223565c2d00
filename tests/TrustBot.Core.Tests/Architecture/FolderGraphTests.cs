using TrustBot.Testing;
using Xunit.Abstractions;

namespace TrustBot.Core.Tests.Architecture;

/// <summary>
/// Core is a set of feature folders on a few kernels, and its folder graph, read from the source, has no loop: kernels
/// use no feature, features use kernels and the features below them, and the root namespace only composes.
/// </summary>
public sealed class FolderGraphTests(ITestOutputHelper output)
{
    /// <summary>Shared building blocks every feature may use and that must not know any feature.</summary>
    private static readonly string[] Kernels =
        ["Anonymity", "Caching", "Cards", "Commands", "Delivery", "Messaging", "Outages", "Questions", "Scheduling"];

    /// <summary>The capabilities a product person would name; each holds its commands, cards, handlers, jobs and rules.</summary>
    private static readonly string[] Features =
        ["CheckIns", "Digests", "Habits", "Help", "Installations", "Launching", "Leaders", "Nudges", "Privacy", "Reminders", "Retention", "Settings", "SpeakUp"];

    /// <summary>Storage's own folders, which hold no feature: the table plumbing and the host wiring.</summary>
    private static readonly string[] StoragePlumbing = ["Hosting", "Tables"];

    [Fact]
    public void EveryFolder_IsAKernelOrAFeature()
    {
        var folders = FolderGraph.Read().Imports.Keys.Where(f => f != FolderGraph.Root);

        Assert.All(folders, folder => Assert.True(
            Kernels.Contains(folder) || Features.Contains(folder),
            $"{folder} is new: add it to {nameof(Kernels)} (if it uses no feature) or {nameof(Features)}."));
    }

    [Fact]
    public void Kernels_UseNoFeature()
    {
        var graph = FolderGraph.Read();
        output.WriteLine(graph.ToString());

        foreach (var kernel in Kernels)
        {
            Assert.True(graph.Imports.ContainsKey(kernel), $"There is no folder {kernel}; update the kernel list.");
            var features = graph.Imports[kernel].Where(f => !Kernels.Contains(f)).ToList();
            Assert.True(features.Count == 0, $"{kernel} is a kernel but uses {string.Join(", ", features)}.");
        }
    }

    [Fact]
    public void TheFolderGraph_HasNoLoop()
    {
        var knots = FolderGraph.Read().Knots();

        Assert.True(knots.Count == 0, "Folders that use each other: " + string.Join("; ", knots.Select(k => string.Join(", ", k))));
    }

    [Fact]
    public void NoFolder_UsesTheRootNamespace()
    {
        // The root only composes the features (AddTrustBotCore); a shared type there would be a kernel without a name.
        var users = FolderGraph.Read().Imports.Where(i => i.Value.Contains(FolderGraph.Root)).Select(i => i.Key).ToList();

        Assert.True(users.Count == 0, $"{string.Join(", ", users)} use a type of the root namespace; move it into a kernel.");
    }

    [Fact]
    public void StorageFolders_AreNamedAfterCoreFolders()
    {
        var storage = Path.Combine(RepoPaths.RepoRoot, "src", "TrustBot.Storage");
        var folders = Directory.EnumerateDirectories(storage).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToList();

        Assert.NotEmpty(folders);
        Assert.All(folders, folder => Assert.True(
            Kernels.Contains(folder) || Features.Contains(folder) || StoragePlumbing.Contains(folder),
            $"Storage/{folder} matches no Core folder; name it after the feature or kernel whose ports it implements."));
    }

    [Fact]
    public void Knots_FindsALoopAndOnlyTheLoop()
    {
        // The detector itself, on a graph of its own: a -> b -> c -> a is one knot; d, which only uses a, is in none.
        var knots = FolderGraph.Of(("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")).Knots();

        var knot = Assert.Single(knots);
        Assert.Equal(["a", "b", "c"], knot);
    }

    [Fact]
    public void Read_CountsUsings_QualifiedNames_AndRootTypes_ButNotMemberAccessOrComments()
    {
        var core = Directory.CreateTempSubdirectory("folder-graph-").FullName;
        try
        {
            Write(core, "Shared.cs", "namespace TrustBot.Core;\ninternal static class SharedLog { }\n");
            Write(core, "Alpha/A.cs", "using TrustBot.Core.Beta;\nnamespace TrustBot.Core.Alpha;\nclass A { }\n");
            Write(core, "Beta/B.cs", "namespace TrustBot.Core.Beta;\n/// <see cref=\"Gamma.G\"/>\nclass B { int X => team.Alpha.Count; }\n");
            Write(core, "Gamma/G.cs", "namespace TrustBot.Core.Gamma;\n// Alpha.A is only a comment\nclass G { void F() => SharedLog.ToString(); }\n");

            var graph = FolderGraph.Read(core);

            Assert.Equal(["Beta"], graph.Imports["Alpha"]);
            Assert.Equal(["Gamma"], graph.Imports["Beta"]);
            Assert.Equal([FolderGraph.Root], graph.Imports["Gamma"]);
        }
        finally
        {
            Directory.Delete(core, recursive: true);
        }
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
