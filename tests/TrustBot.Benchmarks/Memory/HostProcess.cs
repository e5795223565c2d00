using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrustBot.Benchmarks.Memory;

/// <summary>
/// The real TrustBot.Web host as a child process on a loopback port, so its resident set is its own and not the load
/// generator's. It runs <c>TrustBot.Web.dll</c> with the host's own runtimeconfig.json (the GC settings it ships
/// with) and this program's deps file, which makes <see cref="BenchmarkHostingStartup"/> loadable; settings come as
/// environment variables. Disposing it kills the process.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Runtime knobs a developer's shell may carry; a variant sets its own, and nothing else may leak into the child.
    private static readonly string[] InheritedKnobPrefixes = ["DOTNET_gc", "DOTNET_GC", "COMPlus_", "DOTNET_EnableWriteXorExecute", "DOTNET_Tiered", "DOTNET_TC_", "DOTNET_ReadyToRun", "DOTNET_PROCESSOR_COUNT", "MALLOC_"];

    private readonly Process _process;
    private readonly Queue<string> _outputTail = new();

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the host with <paramref name="settings"/> and <paramref name="variant"/>, and waits until it is ready.</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, GcVariant variant, HttpClient client, CancellationToken cancellationToken)
    {
        var directory = AppContext.BaseDirectory;
        var runtimeConfig = Path.Combine(directory, "TrustBot.Web.runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
        {
            throw new InvalidOperationException($"{runtimeConfig} is missing; build the benchmarks project, which copies the host's output.");
        }

        runtimeConfig = WithProperties(runtimeConfig, variant);

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", "--runtimeconfig", runtimeConfig, "--depsfile", Path.Combine(directory, "TrustBot.Benchmarks.deps.json"), Path.Combine(directory, "TrustBot.Web.dll"), "--urls", address.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => InheritedKnobPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        start.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = typeof(HostProcess).Assembly.GetName().Name;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in variant.Environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The host process did not start.");
        var host = new HostProcess(process, address);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(client, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Has the host collect its garbage fully, then reads its resident set.</summary>
    public async Task<HostMemory> MeasureAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(new Uri(Address, MemoryEndpoint.Path), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement;
        // The GC names its settings itself; those a variant changes are shown when the GC lists them.
        var named = root.GetProperty("gcConfiguration").EnumerateObject()
            .Where(p => new[] { "HeapCount", "Adaptation", "Conserve", "HardLimit", "Gen0" }.Any(n => p.Name.Contains(n, StringComparison.OrdinalIgnoreCase)))
            .Select(p => $"{p.Name} {p.Value.GetString()}");
        var gcMode = $"server GC {root.GetProperty("serverGc").GetBoolean()}, latency mode {root.GetProperty("latencyMode").GetString()}; {string.Join(", ", named)}";

        // The kernel sees pages the collection gave back a moment later.
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
        var status = ReadStatus();
        return new HostMemory(
            status["VmRSS"], status["RssAnon"], status["RssFile"], status["RssShmem"],
            root.GetProperty("liveHeapBytes").GetInt64(), root.GetProperty("committedBytes").GetInt64(), root.GetProperty("jitCompiledMethods").GetInt32())
        {
            GcMode = gcMode,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // AppContext switches cannot be set by environment variables; a variant that changes one gets a copy of the
    // host's runtimeconfig.json with its properties, in the temporary folder.
    private static string WithProperties(string runtimeConfig, GcVariant variant)
    {
        if (variant.RuntimeConfig.Count == 0)
        {
            return runtimeConfig;
        }

        var root = JsonNode.Parse(File.ReadAllText(runtimeConfig)) ?? throw new InvalidOperationException($"{runtimeConfig} is empty.");
        var properties = root["runtimeOptions"]?["configProperties"]?.AsObject() ?? throw new InvalidOperationException($"{runtimeConfig} has no configProperties.");
        foreach (var (name, value) in variant.RuntimeConfig)
        {
            properties[name] = value;
        }

        var copy = Path.Combine(Path.GetTempPath(), $"trustbot-memory-{variant.Name}.runtimeconfig.json");
        File.WriteAllText(copy, root.ToJsonString());
        return copy;
    }

    // /proc/<pid>/status lines such as "VmRSS:    123456 kB", in bytes.
    private Dictionary<string, long> ReadStatus()
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && parts[1].Trim().Split(' ') is [var number, "kB"])
            {
                values[parts[0]] = long.Parse(number, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return values;
    }

    private async Task WaitUntilReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} while starting:\n{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/readyz"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellationToken);
        }

        throw new TimeoutException($"The host was not ready within {StartTimeout.TotalSeconds} s:\n{Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputTail)
        {
            _outputTail.Enqueue(line);
            while (_outputTail.Count > 40)
            {
                _outputTail.Dequeue();
            }
        }
    }

    private string Tail()
    {
        lock (_outputTail)
        {
            return string.Join('\n', _outputTail);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
