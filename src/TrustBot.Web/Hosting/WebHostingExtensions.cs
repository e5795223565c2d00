using TrustBot.Core.Messaging;
using TrustBot.Protocol.Connector;
using TrustBot.Protocol.Hosting;
using TrustBot.Web.Bot;

namespace TrustBot.Web.Hosting;

/// <summary>The host's own registrations and endpoint map.</summary>
internal static class WebHostingExtensions
{
    public static IHostApplicationBuilder AddTrustBotHost(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<LocalModeGuard>();
        builder.Services.AddHostedService<BallotFoldService>();
        builder.Services.AddHostedService<SchedulerService>();
        builder.Services.AddHostedService<OutboxWorkerService>();
        builder.Services.AddScoped<IActivityHandler, TrustBotActivityHandler>();
        builder.Services.AddScoped<IBotMessenger, ConnectorMessenger>();

        // Teams' app limit counts every instance's requests in a tenant together: the limiter books them from storage.
        builder.Services.AddSingleton<IConnectorSendBudget, ConnectorSendBudget>();
        builder.Services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReadinessProbe>();
        builder.Services.AddHealthChecks().AddCheck<AnonymitySecretHealthCheck>("anonymity", tags: [ReadinessProbe.Tag]);
        return builder;
    }

    public static WebApplication MapTrustBotEndpoints(this WebApplication app)
    {
        app.MapBotEndpoint("/api/messages");
        app.MapHealthEndpoints();
        // A RequestDelegate, as /readyz (see there): a handler returning IResult is bound through compiled expression trees.
        app.MapGet("/", context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("TrustBot is running. The Bot Framework endpoint is /api/messages.");
        });
        return app;
    }
}
