using Microsoft.Extensions.Logging;

namespace TrustBot.Web.Tests.Telemetry;

/// <summary>
/// Captures every log call of every category at every level as text: category, formatted message, each state value,
/// each scope and the exception — what any logging provider (console, App Service log stream) could write out.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ExportedCollection<(LogLevel Level, string? EventName, string Text)> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { category, eventId.Name ?? string.Empty, formatter(state, exception) };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
            }

            provider._scopes.ForEachScope((scope, list) => list.Add($"scope:{TelemetryText.OfScope(scope)}"), parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            provider.Records.Add((logLevel, eventId.Name, string.Join(" | ", parts)));
        }
    }
}
