using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TrustBot.Web.Hosting;

/// <summary>
/// <c>/healthz</c> says the process is alive; <c>/readyz</c> says whether its dependencies (storage, the anonymity
/// secret) are in place. <c>/readyz</c> is anonymous, so it answers with the status alone: which check failed and why
/// is logged by <see cref="ReadinessProbe"/>.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        // A RequestDelegate, not a handler with injected parameters: those are bound by expression trees compiled at
        // the first request, which loads System.Linq.Expressions and JIT-compiles code that stays in memory.
        endpoints.MapGet("/readyz", WriteReadinessAsync);
    }

    private static async Task WriteReadinessAsync(HttpContext context)
    {
        // Degraded (for example a recent dead letter) still serves; the reason is in the log.
        var probe = context.RequestServices.GetRequiredService<ReadinessProbe>();
        var ready = await probe.GetStatusAsync() != HealthStatus.Unhealthy;
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", ready ? nameof(HealthStatus.Healthy) : nameof(HealthStatus.Unhealthy));
        writer.WriteEndObject();
    }
}
