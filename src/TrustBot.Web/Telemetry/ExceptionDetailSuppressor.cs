using System.Diagnostics;

namespace TrustBot.Web.Telemetry;

/// <summary>
/// Keeps exception messages and stack traces out of span exception events. Events cannot be edited once recorded,
/// but <see cref="Activity.AddException"/> asks every listener first and takes the message and stack trace it is
/// given: this listener gives the exception's type name and nothing, so storage and Connector failures (whose messages
/// quote request URLs) export their type only.
/// </summary>
internal sealed class ExceptionDetailSuppressor : IHostedService, IDisposable
{
    private ActivityListener? _listener;

    public static ActivityListener CreateListener() => new()
    {
        ShouldListenTo = _ => true,
        ExceptionRecorder = Suppress,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener ??= CreateListener();
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener?.Dispose();

    private static void Suppress(Activity activity, Exception exception, ref TagList tags)
    {
        // Several listeners may run for one exception (several hosts in one process, as in tests): set, never add twice.
        SetOnce(ref tags, "exception.message", exception.GetType().FullName);
        SetOnce(ref tags, "exception.stacktrace", string.Empty);
    }

    private static void SetOnce(ref TagList tags, string key, object? value)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Key == key)
            {
                tags[i] = new KeyValuePair<string, object?>(key, value);
                return;
            }
        }

        tags.Add(key, value);
    }
}
