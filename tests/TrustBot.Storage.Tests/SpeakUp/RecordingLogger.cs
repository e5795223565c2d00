using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrustBot.Storage.Tests.SpeakUp;

/// <summary>Keeps every log entry with its level, rendered message and exception, so tests can check what a log would reveal.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception), exception));

    /// <summary>Everything logged above Debug, messages and exception texts together.</summary>
    public string AboveDebug() => string.Join(
        "\n",
        Entries.Where(e => e.Level > LogLevel.Debug).Select(e => e.Message + " " + e.Exception));
}
