using System.Diagnostics.Metrics;

namespace TrustBot.Benchmarks.Load;

/// <summary>
/// Counts the HTTP requests this process sends to the table and queue endpoints (from .NET's own HTTP client
/// metrics), so a scenario can say how many storage calls a request cost. Everything in the process is counted,
/// the bot host's background ticks included, so read it around a burst, not across idle time.
/// </summary>
internal sealed class StorageRequestCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly int _tablePort;
    private readonly int _queuePort;
    private long _tableReads;
    private long _tableWrites;
    private long _queues;

    public StorageRequestCounter(Uri tableEndpoint, Uri queueEndpoint)
    {
        _tablePort = tableEndpoint.Port;
        _queuePort = queueEndpoint.Port;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Count(tags));
        _listener.Start();
    }

    /// <summary>Requests so far: table reads (GET: point reads and queries, one per page), other table requests, queue requests.</summary>
    public StorageRequests Read() => new(Interlocked.Read(ref _tableReads), Interlocked.Read(ref _tableWrites), Interlocked.Read(ref _queues));

    public void Dispose() => _listener.Dispose();

    private void Count(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        int? port = null;
        string? method = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && tag.Value is int p)
            {
                port = p;
            }
            else if (tag.Key == "http.request.method" && tag.Value is string m)
            {
                method = m;
            }
        }

        if (port == _tablePort)
        {
            Interlocked.Increment(ref method == "GET" ? ref _tableReads : ref _tableWrites);
        }
        else if (port == _queuePort)
        {
            Interlocked.Increment(ref _queues);
        }
    }
}
