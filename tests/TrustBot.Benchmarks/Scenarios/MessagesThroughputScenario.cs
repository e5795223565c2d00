using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustBot.Benchmarks.Load;

namespace TrustBot.Benchmarks.Scenarios;

/// <summary>
/// Authenticated <c>POST /api/messages</c> (a harmless activity, full JWT validation every time) beside a bare
/// ASP.NET Core endpoint that only reads the same body, in the same process and run. Target: ratio ≥ 0.6.
/// </summary>
internal sealed class MessagesThroughputScenario : IBenchmarkScenario
{
    private const double Target = 0.6;

    public string Name => "messages";

    public string Description => "authenticated POST /api/messages vs a bare ASP.NET Core endpoint";

    public async Task<bool> RunAsync(BenchmarkSettings settings, BenchmarkEnvironment environment, CancellationToken cancellationToken)
    {
        await using var bare = await StartBareEndpointAsync();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency * 2 });
        var botUri = new Uri(environment.Host.ClientOptions.BaseAddress, "/api/messages");
        var serviceUrl = environment.Connector.ServiceUrl;
        var body = HarmlessActivity(serviceUrl);
        // One token reused across requests, as the Bot Connector does; validation (signature included) still runs per request.
        var token = environment.Issuer.CreateToken(BenchmarkEnvironment.AppId, serviceUrl);

        Func<CancellationToken, Task<bool>> Post(Uri target, string? content = null) => async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(content ?? body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, ct);
            return response.StatusCode == HttpStatusCode.OK;
        };

        // Install the conversation first, as Teams would have: the hot path then finds its address already current.
        var install = HarmlessActivity(serviceUrl).Replace("\"type\":\"typing\"", "\"type\":\"installationUpdate\",\"action\":\"add\"", StringComparison.Ordinal);
        if (!await Post(botUri, install)(cancellationToken))
        {
            Console.WriteLine("  the install activity was refused; the host is misconfigured");
            return false;
        }

        Console.WriteLine($"  warm-up {settings.Warmup.TotalSeconds:0}s each, then {settings.Duration.TotalSeconds:0}s each at concurrency {settings.Concurrency}");
        await LoadGenerator.RunAsync(Post(bare.Uri), settings.Concurrency, settings.Warmup, cancellationToken);
        await LoadGenerator.RunAsync(Post(botUri), settings.Concurrency, settings.Warmup, cancellationToken);
        var bareStats = await LoadGenerator.RunAsync(Post(bare.Uri), settings.Concurrency, settings.Duration, cancellationToken);
        var botStats = await LoadGenerator.RunAsync(Post(botUri), settings.Concurrency, settings.Duration, cancellationToken);

        var ratio = botStats.RequestsPerSecond / bareStats.RequestsPerSecond;
        Report.Line("bare endpoint", bareStats);
        Report.Line("/api/messages", botStats);
        var met = ratio >= Target && botStats.Failures == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio /api/messages ÷ bare = {ratio:0.00} (target ≥ {Target:0.0}): {(met ? "MET" : "NOT MET")}"));
        return met;
    }

    private static string HarmlessActivity(string serviceUrl) => new JsonObject
    {
        ["type"] = "typing",
        ["id"] = "f:benchmark",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:benchmark-user", ["aadObjectId"] = "00000000-0000-4000-8000-00000000b001" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + BenchmarkEnvironment.AppId },
        ["conversation"] = new JsonObject { ["id"] = "a:benchmark", ["conversationType"] = "personal", ["tenantId"] = "00000000-0000-4000-8000-00000000b0b0" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "00000000-0000-4000-8000-00000000b0b0" } },
    }.ToJsonString();

    private static async Task<BareEndpoint> StartBareEndpointAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/bare", async (HttpContext context) =>
        {
            // Read the body as the bot does, so the comparison isolates what the bot adds on top of plain hosting.
            using var reader = new StreamReader(context.Request.Body);
            await reader.ReadToEndAsync(context.RequestAborted);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareEndpoint(app, new Uri(new Uri(address), "/bare"));
    }

    private sealed record BareEndpoint(WebApplication App, Uri Uri) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }
}
