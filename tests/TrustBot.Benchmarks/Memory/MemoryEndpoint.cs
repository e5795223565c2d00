using System.Net;
using System.Runtime;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TrustBot.Benchmarks.Memory;

/// <summary>
/// <c>POST /benchmark/memory</c> in the benchmark's child host: two full, blocking, compacting collections (large
/// objects included), then the live heap and the GC's own figures as JSON. Answers loopback connections only (404
/// otherwise), and exists only where <see cref="BenchmarkHostingStartup"/> was loaded.
/// </summary>
internal sealed class MemoryEndpoint : IStartupFilter
{
    public const string Path = "/benchmark/memory";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(Path, branch => branch.Run(HandleAsync));
        next(app);
    };

    private static async Task HandleAsync(HttpContext context)
    {
        var connection = context.Connection;
        if (!HttpMethods.IsPost(context.Request.Method)
            || connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote)
            || connection.LocalIpAddress is not { } local || !IPAddress.IsLoopback(local))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Finalizers can free more after the first collection; the second collects what they released.
        for (var pass = 0; pass < 2; pass++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("liveHeapBytes", GC.GetTotalMemory(forceFullCollection: false));
        writer.WriteNumber("heapSizeBytes", info.HeapSizeBytes);
        writer.WriteNumber("fragmentedBytes", info.FragmentedBytes);
        writer.WriteNumber("committedBytes", info.TotalCommittedBytes);
        writer.WriteNumber("jitCompiledMethods", System.Runtime.JitInfo.GetCompiledMethodCount());
        writer.WriteBoolean("serverGc", GCSettings.IsServerGC);
        writer.WriteString("latencyMode", GCSettings.LatencyMode.ToString());
        writer.WriteStartObject("gcConfiguration");
        foreach (var (name, value) in GC.GetConfigurationVariables())
        {
            writer.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
