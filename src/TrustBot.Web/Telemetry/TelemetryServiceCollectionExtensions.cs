using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.Http;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TrustBot.Web.Telemetry;

/// <summary>
/// Telemetry export through the Azure Monitor OpenTelemetry distro, on only when a connection string is configured,
/// with redaction in front of every exporter so that no conversation, user, hash or table key leaves the process.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The distro's own key; App Service passes it as an environment variable.</summary>
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Categories whose messages print request URLs (with ids in the path) or SDK request lines.</summary>
    public static readonly IReadOnlyList<string> SilencedLogCategories =
    [
        "System.Net.Http.HttpClient",
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.Routing",
        "Azure",
    ];

    public static IHostApplicationBuilder AddTrustBotTelemetry(this IHostApplicationBuilder builder)
    {
        // The default HttpClient loggers write each request URI, Connector conversation ids included, to every provider.
        builder.Services.ConfigureHttpClientDefaults(client => client.RemoveAllLoggers());

        var connectionString = builder.Configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }

        // Redaction is registered before the distro so its processors run before the Azure Monitor exporters.
        builder.Services.AddRedactedTelemetry().UseAzureMonitor(options =>
        {
            options.ConnectionString = connectionString;
            // Live Metrics streams sample documents from its own processor; keep everything on the redacted path.
            options.EnableLiveMetrics = false;
        });
        return builder;
    }

    /// <summary>
    /// The instrumentation the distro turns on (ASP.NET Core, HttpClient, Azure SDK) with the redaction processors first
    /// and redaction-friendly options last. Exporters are added after this call: Azure Monitor in production, in-memory in tests.
    /// </summary>
    public static OpenTelemetryBuilder AddRedactedTelemetry(this IServiceCollection services)
    {
        // As the distro does: Azure SDK clients emit spans only with this switch (read once, before the first client).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        services.AddHostedService<ExceptionDetailSuppressor>();
        services.PostConfigure<AspNetCoreTraceInstrumentationOptions>(options => options.RecordException = false);
        services.PostConfigure<HttpClientTraceInstrumentationOptions>(options => options.RecordException = false);
        services.PostConfigure<OpenTelemetryLoggerOptions>(options =>
        {
            // Scopes and raw state of framework categories are not under the [LoggerMessage] rules.
            options.IncludeScopes = false;
            options.IncludeFormattedMessage = true;
        });
        services.AddLogging(logging =>
        {
            // The distro forwards Azure SDK event-source logs to every provider; below Warning they print request URLs.
            logging.AddFilter("Azure", LogLevel.Warning);
            foreach (var category in SilencedLogCategories)
            {
                logging.AddFilter<OpenTelemetryLoggerProvider>(category, LogLevel.None);
            }
        });

        return services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddProcessor(new SpanRedactionProcessor())
                .AddSource("Azure.*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(logging => logging.AddProcessor(new LogRedactionProcessor()));
    }
}
