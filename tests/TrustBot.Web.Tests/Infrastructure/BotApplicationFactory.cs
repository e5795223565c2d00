using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using TrustBot.Core.Scheduling;
using TrustBot.Protocol.Connector;
using TrustBot.Testing.Connector;
using TrustBot.Web.Tests.Leaders;

namespace TrustBot.Web.Tests.Infrastructure;

/// <summary>
/// The real host on Kestrel (loopback), configured through settings only: real JWT validation against a loopback
/// OpenID document, real Azurite storage, and the real Connector client pointed at a loopback stub.
/// Only the outbound token source is replaced, because Azure.Identity cannot be pointed at a fake authority.
/// </summary>
public sealed class BotApplicationFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Testing", bool fixedOutboundToken = true)
    : WebApplicationFactory<Program>
{
    public const string OutboundToken = "test-outbound-token";

    /// <summary>Every outbound HTTP request any client of the host made, for allow-list assertions.</summary>
    public OutboundRecorder Outbound { get; } = new();

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
            // Until the host stores a timetable, the leader features get an in-memory one; a stored one wins.
            services.TryAddSingleton<ITimetable, InMemoryTimetable>();
        });
    }
}
