using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using TrustBot.Testing;

namespace TrustBot.Web.Tests.Infra;

/// <summary>
/// Runs the Bicep CLI that restore downloaded (PackageDownload in this project's csproj) from the repository root.
/// Build and lint work offline: the template uses no registry modules.
/// </summary>
internal static partial class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> LazyExecutable = new(FindExecutable);

    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(LazyExecutable.Value)
        {
            WorkingDirectory = RepoPaths.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry or tracing side channels while the tests run.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Linter and compiler diagnostics: "path(line,col) : Warning|Error code: message".</summary>
    public static IReadOnlyList<string> Diagnostics(BicepRun run) =>
        (run.StandardOutput + "\n" + run.StandardError)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => DiagnosticLine().IsMatch(line))
            .ToList();

    private static string FindExecutable()
    {
        var assembly = typeof(BicepCli).Assembly;
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Metadata(assembly, "NuGetPackageRoot");
        var version = Metadata(assembly, "BicepVersion");
        var executable = Path.Combine(root, PackageId, version, "tools", "bicep");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI {version} is not at '{executable}'; run 'dotnet restore tests/TrustBot.Web.Tests' first.", executable);
        }

        // NuGet extraction does not always keep the execute bit.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(executable);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(executable, mode | UnixFileMode.UserExecute);
            }
        }

        return executable;
    }

    private static string Metadata(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The test assembly has no '{key}' metadata; see TrustBot.Web.Tests.csproj.");

    [GeneratedRegex(@"\)\s*:\s*(Warning|Error|Info)\s", RegexOptions.CultureInvariant)]
    private static partial Regex DiagnosticLine();
}
