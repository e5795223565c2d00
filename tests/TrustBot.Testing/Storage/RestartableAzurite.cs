using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace TrustBot.Testing.Storage;

/// <summary>
/// An Azurite that can be stopped and started again on the same loopback ports with its data kept, for outage tests:
/// unlike <see cref="AzuriteFixture"/> it keeps its data in a temporary folder (<c>--location</c>), and it stops
/// gracefully so that everything acknowledged before the stop is on disk. Disposing it stops it and deletes the folder.
/// </summary>
/// <remarks>
/// Stopping closes Azurite's stdin; a preloaded script turns that into the SIGINT Azurite shuts down cleanly on (it
/// saves its databases), with a hard exit a few seconds later should that hang. A test host that dies closes the pipe
/// too, so no emulator outlives its run. A missing Node.js or Azurite is an exception: the test fails, never skips.
/// </remarks>
public sealed class RestartableAzurite : IAsyncDisposable
{
    private const string InstallHint = "Run `npm ci --prefix tools` in the repo root, or just ./tools/test.sh, which does it.";
    private const string StopOnStdinEnd =
        "data:text/javascript,const stop=()=>{process.kill(process.pid,'SIGINT');setTimeout(()=>process.exit(0),5000).unref();};" +
        "process.stdin.on('end',stop);process.stdin.on('error',stop);process.stdin.resume();";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _azuriteJs;
    private readonly string _location;
    private readonly int _blobPort;
    private readonly int _queuePort;
    private readonly int _tablePort;
    private readonly List<string> _output = [];
    private Process? _process;

    private RestartableAzurite(string azuriteJs, string location, int blobPort, int queuePort, int tablePort)
    {
        _azuriteJs = azuriteJs;
        _location = location;
        _blobPort = blobPort;
        _queuePort = queuePort;
        _tablePort = tablePort;
        QueueEndpoint = Endpoint(queuePort);
        TableEndpoint = Endpoint(tablePort);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"BlobEndpoint={Endpoint(blobPort)};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";
    }

    /// <summary>A connection string with explicit endpoints; it stays valid across stops and restarts.</summary>
    public string ConnectionString { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>Starts Azurite with a fresh data folder and returns once its table and queue endpoints answer.</summary>
    public static async Task<RestartableAzurite> StartAsync(CancellationToken cancellationToken = default)
    {
        var azuriteJs = Path.Combine(RepoPaths.RepoRoot, "tools", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azuriteJs))
        {
            throw new InvalidOperationException($"Azurite is not installed: {azuriteJs} is missing. {InstallHint}");
        }

        var location = Path.Combine(Path.GetTempPath(), "trustbot-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(location);
        var (blob, queue, table) = AzuriteEndpoints.ReserveThreePorts();
        var azurite = new RestartableAzurite(azuriteJs, location, blob, queue, table);
        try
        {
            await azurite.RestartAsync(cancellationToken);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts Azurite again on the same ports and data folder; returns once it answers.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("Azurite is running; stop it first.");
        }

        _process = Launch();
        var started = TimeProvider.System.GetTimestamp();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (!(await AzuriteEndpoints.AnswersAsync(http, TableEndpoint, cancellationToken) && await AzuriteEndpoints.AnswersAsync(http, QueueEndpoint, cancellationToken)))
        {
            if (_process.HasExited || TimeProvider.System.GetElapsedTime(started) > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"Azurite did not come up on {TableEndpoint} (exited: {_process.HasExited}). {InstallHint}\nIts output:\n{Output}");
            }

            await Task.Delay(ProbeInterval, TimeProvider.System, cancellationToken);
        }
    }

    /// <summary>Stops Azurite cleanly (its data saved) and returns once it has exited, so its ports refuse connections.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(StopTimeout, TimeProvider.System);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite did not stop within {StopTimeout.TotalSeconds:0} s.\nIts output:\n{Output}");
        }
        finally
        {
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(_location, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the temporary folder is left for the OS to clean.
            }
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.Count == 0 ? "(none)" : string.Join('\n', _output.TakeLast(40));
            }
        }
    }

    private Process Launch()
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _location,
        };
        foreach (var argument in new[]
        {
            "--import", StopOnStdinEnd,
            _azuriteJs, "--location", _location, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", Port(_blobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(_queuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(_tablePort),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot start Azurite: Node.js ('node') was not found on PATH ({exception.Message}). {InstallHint}", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{Port(port)}/{AzuriteFixture.AccountName}");

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
