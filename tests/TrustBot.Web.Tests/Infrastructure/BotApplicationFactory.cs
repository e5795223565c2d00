using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;
using TrustBot.Web.Hosting;

namespace TrustBot.Web.Tests.Infrastructure;

/// <summary>
/// The real host on Kestrel (loopback), configured through settings only: real JWT validation against a loopback
/// OpenID document, real Azurite storage, and the real Connector client pointed at a loopback stub.
/// Only the outbound token source is replaced, because Azure.Identity cannot be pointed at a fake authority.
/// </summary>
public sealed class BotApplicationFactory(
    IReadOnlyDictionary<string, string?> settings,
    string environment = "Testing",
    bool fixedOutboundToken = true,
    Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    public const string OutboundToken = "test-outbound-token";

    /// <summary>Every outbound HTTP request any client of the host made, for allow-list assertions.</summary>
    public OutboundRecorder Outbound { get; } = new();

    /// <summary>
    /// Takes the host's own outbox worker loop away, for tests that drain the outbox themselves: a send queued on the
    /// host wakes that loop at once, and it would take messages out from under the test's drain.
    /// </summary>
    public static void WithoutOutboxLoop(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxWorkerService)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (fixedOutboundToken)
            {
                services.AddSingleton<IBotTokenProvider>(new FixedBotTokenProvider(OutboundToken));
            }

            services.AddSingleton<IHttpMessageHandlerBuilderFilter>(new OutboundRecordingFilter(Outbound));

            // Only for what settings cannot express, such as a shared fake clock across several hosts.
            configureServices?.Invoke(services);
        });
    }
}
