using OpenTelemetry;
using OpenTelemetry.Logs;

namespace TrustBot.Web.Telemetry;

/// <summary>
/// Runs before any log exporter: scrubs identifier-shaped text from the formatted message and the state values, and
/// replaces an attached exception by its type name alone (storage and Connector exceptions quote request URLs).
/// </summary>
internal sealed class LogRedactionProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = IdentifierScrubber.Scrub(message);
        }

        if (data.Attributes is { Count: > 0 } attributes)
        {
            data.Attributes = attributes.Select(a => new KeyValuePair<string, object?>(a.Key, IdentifierScrubber.Scrub(a.Value))).ToList();
        }

        if (data.Exception is { } exception)
        {
            data.Exception = RedactedException.For(exception);
        }

        base.OnEnd(data);
    }
}
