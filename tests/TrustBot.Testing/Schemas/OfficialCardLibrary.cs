using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrustBot.Testing.Schemas;

/// <summary>
/// Runs tools/card-check/check-cards.cjs: Microsoft's own Adaptive Cards library (npm <c>adaptivecards</c>, pinned in
/// tools/) parses each card as version 1.5 under Teams' host config and reports what it would drop or refuse.
/// </summary>
public static class OfficialCardLibrary
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The events per card name, from one node process over all of <paramref name="cards"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CheckAsync(IEnumerable<(string Name, JsonNode Card)> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        RepoPaths.RequireToolsPackageFile("adaptivecards", Path.Combine("dist", "adaptivecards.js"));
        var script = Path.Combine(RepoPaths.RepoRoot, "tools", "card-check", "check-cards.cjs");
        var folder = Directory.CreateTempSubdirectory("trustbot-cards-");
        try
        {
            foreach (var (name, card) in cards)
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, name + ".json"), card.ToJsonString());
            }

            var (exitCode, output, error) = await RunNodeAsync(script, folder.FullName);

            // 0 and 1 both come with a report; anything else means the check itself broke.
            if (exitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"check-cards.cjs exited with {exitCode}: {error}");
            }

            using var report = JsonDocument.Parse(output);
            return report.RootElement.GetProperty("cards").EnumerateArray().ToDictionary(
                c => Path.GetFileNameWithoutExtension(c.GetProperty("file").GetString()!),
                c => (IReadOnlyList<string>)c.GetProperty("events").EnumerateArray()
                    .Select(e => $"{e.GetProperty("event").GetString()}: {e.GetProperty("message").GetString()}")
                    .ToList());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunNodeAsync(string script, string folder)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js is needed for the official card check: 'node' was not found on PATH.", e);
        }

        using (process)
        using (var cancel = new CancellationTokenSource(Timeout))
        {
            var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
            var error = process.StandardError.ReadToEndAsync(cancel.Token);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"check-cards.cjs did not finish within {Timeout.TotalSeconds:0} s.");
            }

            return (process.ExitCode, await output, await error);
        }
    }
}
