using System.Diagnostics;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;

namespace TrustBot.Web.Tests.Telemetry;

/// <summary>Flattens exported spans, log records and metric points into every string an exporter could send.</summary>
public static class TelemetryText
{
    public static IEnumerable<string> Of(Activity span)
    {
        yield return span.DisplayName;
        yield return span.OperationName;
        yield return span.Source.Name;
        yield return span.StatusDescription ?? string.Empty;
        foreach (var (key, value) in span.TagObjects)
        {
            yield return $"{key}={value}";
        }

        foreach (var activityEvent in span.Events)
        {
            yield return activityEvent.Name;
            foreach (var (key, value) in activityEvent.Tags)
            {
                yield return $"{key}={value}";
            }
        }

        foreach (var (key, value) in span.Baggage)
        {
            yield return $"{key}={value}";
        }
    }

    public static IEnumerable<string> Of(LogRecord record)
    {
        yield return record.CategoryName ?? string.Empty;
        yield return record.EventId.Name ?? string.Empty;
        yield return record.FormattedMessage ?? string.Empty;
        yield return record.Body ?? string.Empty;
        foreach (var (key, value) in record.Attributes ?? [])
        {
            yield return $"{key}={value}";
        }

        var scopes = new List<string>();
        record.ForEachScope(
            (scope, list) =>
            {
                list.Add(OfScope(scope.Scope));
                foreach (var (key, value) in scope)
                {
                    list.Add($"{key}={value}");
                }
            },
            scopes);
        foreach (var scope in scopes)
        {
            yield return scope;
        }

        if (record.Exception is { } exception)
        {
            yield return exception.ToString();
        }
    }

    public static IEnumerable<string> Of(MetricSnapshot metric)
    {
        var texts = new List<string> { metric.Name, metric.Description };
        foreach (var point in metric.MetricPoints)
        {
            foreach (var (key, value) in point.Tags)
            {
                texts.Add($"{key}={value}");
            }
        }

        return texts;
    }

    public static string OfScope(object? scope) => scope switch
    {
        null => string.Empty,
        IEnumerable<KeyValuePair<string, object?>> values => $"{scope} {string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"))}",
        _ => scope.ToString() ?? string.Empty,
    };
}
