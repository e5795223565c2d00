using Xunit.Abstractions;

namespace TrustBot.Core.Tests.Architecture;

/// <summary>
/// Core's folder imports, read from the source. Kernels (shared building blocks) import no other folder; and the one knot
/// of feature folders that import each other may only shrink, until issue [3/5] unties it and the ceiling reaches zero.
/// </summary>
public sealed class FolderGraphTests(ITestOutputHelper output)
{
    /// <summary>Folders every feature may use and that must not know any feature.</summary>
    private static readonly string[] Kernels = ["Anonymity", "Messaging", "Outages"];

    /// <summary>The folders tangled together on 2026-12-03; none may join, and one that leaves must be struck off.</summary>
    private static readonly string[] KnownKnot =
        ["Cards", "CheckIns", "Commands", "Delivery", "Digests", "Habits", "Installations", "Launching", "Leaders", "Scheduling", "SpeakUp"];

    /// <summary>Imports between the knot's folders on 2026-12-03. Lower it whenever an import goes; never raise it.</summary>
    private const int KnotImportCeiling = 55;

    [Fact]
    public void Kernels_ImportNoOtherCoreFolder()
    {
        var graph = FolderGraph.Read();
        output.WriteLine(graph.ToString());

        foreach (var kernel in Kernels)
        {
            Assert.True(graph.Imports.ContainsKey(kernel), $"There is no folder {kernel}; update the kernel list.");
            Assert.True(graph.Imports[kernel].Count == 0, $"{kernel} is a kernel but imports {string.Join(", ", graph.Imports[kernel])}.");
        }
    }

    [Fact]
    public void TheKnotOfFoldersImportingEachOther_NeverGrows()
    {
        var graph = FolderGraph.Read();
        var knots = graph.Knots();
        output.WriteLine(string.Join(Environment.NewLine, knots.Select(k => "knot: " + string.Join(", ", k))));

        var tangled = knots.SelectMany(k => k).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(tangled.Except(KnownKnot));
        Assert.True(
            KnownKnot.All(tangled.Contains),
            $"{string.Join(", ", KnownKnot.Where(f => !tangled.Contains(f)))} left the knot: strike them off {nameof(KnownKnot)}.");
        var imports = KnownKnot.Sum(folder => graph.Imports.GetValueOrDefault(folder)?.Count(KnownKnot.Contains) ?? 0);
        output.WriteLine($"{imports} imports inside the knot (ceiling {KnotImportCeiling})");
        Assert.InRange(imports, 0, KnotImportCeiling);
    }

    [Fact]
    public void Knots_FindsALoopAndOnlyTheLoop()
    {
        // The detector itself, on Core as it is: there is a knot, and a folder that imports nothing is never in one.
        var knots = FolderGraph.Read().Knots();
        Assert.NotEmpty(knots);
        Assert.DoesNotContain(knots, k => Kernels.Any(k.Contains));
    }
}
