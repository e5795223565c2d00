using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Benchmarks.Memory;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;

[assembly: HostingStartup(typeof(BenchmarkHostingStartup))]

namespace TrustBot.Benchmarks.Memory;

/// <summary>
/// What the <c>memory</c> benchmark adds to the real TrustBot.Web host it runs as a child process, loaded through
/// <c>ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=TrustBot.Benchmarks</c>. It lives in this assembly, which is never published
/// with the app, so nothing here can exist in production: a fixed outbound token (Azure.Identity would call the real
/// Entra authority), per-conversation pacing only (the app-wide 50/s would hold 10,000 installs' 40,000 sends to 14
/// minutes; the per-conversation state the benchmark measures is the same), and <see cref="MemoryEndpoint"/>.
/// </summary>
/// <remarks>
/// The other scenarios run the host in this process, whose entry assembly is this one, so ASP.NET Core loads this
/// startup into their hosts too; there it must do nothing, or the <c>fanout</c> host would pace per conversation only
/// and earn 429s by the hundred. Only a host process of its own (entry assembly TrustBot.Web) gets it.
/// </remarks>
internal sealed class BenchmarkHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services =>
    {
        if (Assembly.GetEntryAssembly() == typeof(BenchmarkHostingStartup).Assembly)
        {
            return;
        }

        // Registered before the host's own: its TryAdd registrations leave these in place.
        services.AddSingleton<IBotTokenProvider>(new FixedBotTokenProvider("benchmark-token"));
        services.AddSingleton(new ConnectorRateLimits(ConnectorRateLimits.Teams.PerConversation, []));
        services.AddSingleton<IStartupFilter, MemoryEndpoint>();
    });
}
