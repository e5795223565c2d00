using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace TrustBot.Testing.Storage;

/// <summary>
/// One in-memory Azurite process on free loopback ports, started from the repo's pinned
/// <c>tools/node_modules</c>. Free of xunit, so tests, web tests and the benchmark can all share it.
/// Start it with <see cref="StartAsync"/>; disposing it kills the process.
/// </summary>
/// <remarks>
/// A missing Node.js, a missing package or an emulator that does not come up is an exception that says
/// what to run: storage tests must fail then, never skip or pass silently.
/// </remarks>
public sealed class AzuriteFixture : IAsyncDisposable
{
    /// <summary>The emulator's fixed account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's published, well-known key (not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string InstallHint = "Run `npm ci --prefix tools` in the repo root, or just ./tools/test.sh, which does it.";
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    // Preloaded into node: Azurite exits when our end of its stdin closes, which also happens when the
    // test host is killed outright and no dispose or exit handler runs. No emulator outlives its run.
    private const string ExitWithParent =
        "data:text/javascript,process.stdin.on('end',()=>process.exit(0));" +
        "process.stdin.on('error',()=>process.exit(0));process.stdin.resume();";

    private readonly Process _process;
    private readonly OutputTail _output;

    private AzuriteFixture(Process process, OutputTail output, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        BlobEndpoint = Endpoint(blobPort);
        QueueEndpoint = Endpoint(queuePort);
        TableEndpoint = Endpoint(tablePort);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

        // A test host that exits without disposing fixtures must not leave the emulator running.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <summary>A connection string with explicit endpoints, for <c>Storage:ConnectionString</c> or the SDK clients.</summary>
    public string ConnectionString { get; }

    /// <summary>http://127.0.0.1:{port}/devstoreaccount1 for blobs.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>http://127.0.0.1:{port}/devstoreaccount1 for queues.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>http://127.0.0.1:{port}/devstoreaccount1 for tables.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A fresh valid table prefix ("t" and 8 hex digits), so that test classes sharing one emulator never share tables.</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Starts Azurite and returns once its table and queue endpoints answer.</summary>
    public static async Task<AzuriteFixture> StartAsync(CancellationToken cancellationToken = default)
    {
        var azuriteJs = Path.Combine(FindRepoRoot(), "tools", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azuriteJs))
        {
            throw new InvalidOperationException($"Azurite is not installed: {azuriteJs} is missing. {InstallHint}");
        }

        for (var attempt = 1; ; attempt++)
        {
            var (blobPort, queuePort, tablePort) = AzuriteEndpoints.ReserveThreePorts();
            var output = new OutputTail();
            var process = Launch(azuriteJs, blobPort, queuePort, tablePort, output);
            var fixture = new AzuriteFixture(process, output, blobPort, queuePort, tablePort);
            try
            {
                await fixture.WaitUntilAnsweringAsync(cancellationToken);
                return fixture;
            }
            catch (PortTakenException) when (attempt < StartAttempts)
            {
                // Another process took a port between our probe and Azurite's bind: pick new ones.
                await fixture.DisposeAsync();
            }
            catch
            {
                await fixture.DisposeAsync();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), TimeProvider.System);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The kill was sent; a zombie that takes longer to be reaped must not fail the test run.
        }

        _process.Dispose();
    }

    private static Process Launch(string azuriteJs, int blobPort, int queuePort, int tablePort, OutputTail output)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // In-memory persistence writes nothing, but a working directory of its own keeps any stray file out of the repo.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
        {
            "--import", ExitWithParent,
            azuriteJs, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", Port(blobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(queuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(tablePort),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new InvalidOperationException(
                $"Cannot start Azurite: Node.js ('node') was not found on PATH ({exception.Message}). " +
                $"Install Node.js 20 or later, then: {InstallHint}", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (_process.HasExited)
            {
                // Waiting again lets the asynchronous readers drain the last lines, which carry the reason.
                await _process.WaitForExitAsync(cancellationToken);
                var output = _output.Text;
                if (output.Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                    throw new PortTakenException();
                }

                throw new InvalidOperationException(
                    $"Azurite exited during start-up with code {_process.ExitCode}. {InstallHint}\nIts output:\n{output}");
            }

            if (await AzuriteEndpoints.AnswersAsync(http, TableEndpoint, cancellationToken) && await AzuriteEndpoints.AnswersAsync(http, QueueEndpoint, cancellationToken))
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(started) > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"Azurite did not answer on {TableEndpoint} and {QueueEndpoint} within {StartTimeout.TotalSeconds:0} s. " +
                    $"{InstallHint}\nIts output:\n{_output.Text}");
            }

            await Task.Delay(ProbeInterval, TimeProvider.System, cancellationToken);
        }
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TrustBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"TrustBot.sln was not found above {AppContext.BaseDirectory}, so tools/node_modules cannot be located. " +
            "Run the tests from a clone of the repository.");
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{Port(port)}/{AccountName}");

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private sealed class PortTakenException : Exception;

    /// <summary>The last lines Azurite printed, for the failure message.</summary>
    private sealed class OutputTail
    {
        private const int MaxLines = 40;
        private readonly Queue<string> _lines = new();

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return _lines.Count == 0 ? "(none)" : string.Join('\n', _lines);
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > MaxLines)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
