using System.Diagnostics;
using OpenTelemetry;

namespace TrustBot.Web.Telemetry;

/// <summary>
/// Runs before any span exporter and leaves on a span only what names an operation, never whom it was about: URLs
/// become route templates without query strings, HTTP span names become <c>METHOD /template</c>, attributes outside
/// <see cref="KeptAttributes"/> are removed and status descriptions are cleared (exception events: see
/// <see cref="ExceptionDetailSuppressor"/>).
/// </summary>
internal sealed class SpanRedactionProcessor : BaseProcessor<Activity>
{
    /// <summary>Attributes that describe the operation and the service it talked to, not the person or the row.</summary>
    public static readonly IReadOnlySet<string> KeptAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "http.request.method", "http.request.method_original", "http.response.status_code", "http.route",
        "http.method", "http.status_code", "http.scheme", "url.scheme", "server.address", "server.port",
        "network.protocol.name", "network.protocol.version", "error.type", "otel.status_code",
        "az.namespace", "az.schema_url", "messaging.system", "messaging.operation", "messaging.operation.type",
        "messaging.destination.name", "db.system", "db.system.name", "http.request.resend_count",
    };

    private static readonly HashSet<string> FullUrlAttributes = new HashSet<string>(StringComparer.Ordinal) { "url.full", "http.url" };

    private static readonly HashSet<string> PathAttributes = new HashSet<string>(StringComparer.Ordinal) { "url.path", "http.target" };

    public override void OnEnd(Activity data)
    {
        RedactAttributes(data);
        RenameHttpSpan(data);
        if (data.Status == ActivityStatusCode.Error)
        {
            // Azure SDK spans put the exception message (with the request URI) into the description.
            data.SetStatus(ActivityStatusCode.Error);
        }

        base.OnEnd(data);
    }

    private static void RedactAttributes(Activity span)
    {
        foreach (var (key, value) in span.TagObjects.ToList())
        {
            if (FullUrlAttributes.Contains(key))
            {
                span.SetTag(key, UrlTemplate.FullOf(value as string));
            }
            else if (PathAttributes.Contains(key))
            {
                span.SetTag(key, UrlTemplate.PathOf(value as string));
            }
            else if (!KeptAttributes.Contains(key))
            {
                span.SetTag(key, null);
            }
        }
    }

    // HTTP client spans are named by method only, or by whatever the caller chose; name them by the templated route.
    private static void RenameHttpSpan(Activity span)
    {
        var method = span.GetTagItem("http.request.method") as string ?? span.GetTagItem("http.method") as string;
        if (method is null)
        {
            return;
        }

        var route = span.GetTagItem("http.route") as string
            ?? UrlTemplate.PathOf(span.GetTagItem("url.path") as string ?? span.GetTagItem("url.full") as string ?? span.GetTagItem("http.url") as string);
        span.DisplayName = $"{method} {route}";
    }
}
