using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace TrustBot.Benchmarks.Load;

/// <summary>
/// Counts this process's storage requests by what they touch (method, table or queue, and whether a table request
/// names one row, queries or is a batch), from the HTTP client's own activities, so a scenario can show where its
/// storage calls go and not only how many there are. Like <see cref="StorageRequestCounter"/> it counts everything
/// in the process, the host's idle ticks included.
/// </summary>
internal sealed class StorageCallSites : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly int _tablePort;
    private readonly int _queuePort;
    private readonly string _prefix;

    /// <param name="tableEndpoint">The table endpoint of the storage account.</param>
    /// <param name="queueEndpoint">The queue endpoint of the storage account.</param>
    /// <param name="prefix">The run's table prefix, dropped from table and queue names.</param>
    public StorageCallSites(Uri tableEndpoint, Uri queueEndpoint, string prefix)
    {
        _tablePort = tableEndpoint.Port;
        _queuePort = queueEndpoint.Port;
        _prefix = prefix;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Count,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Lines of "calls per <paramref name="unit"/>  site", the busiest first.</summary>
    public IEnumerable<string> Describe(int per, string unit) => _counts
        .OrderByDescending(pair => pair.Value)
        .ThenBy(pair => pair.Key, StringComparer.Ordinal)
        .Select(pair => string.Create(CultureInfo.InvariantCulture, $"    {pair.Value / (double)Math.Max(1, per),6:0.00} per {unit}  {pair.Key}"));

    public void Dispose() => _listener.Dispose();

    private void Count(Activity activity)
    {
        var port = activity.GetTagItem("server.port") is int p ? p : -1;
        if (port != _tablePort && port != _queuePort)
        {
            return;
        }

        var method = activity.GetTagItem("http.request.method") as string ?? "?";
        var url = activity.GetTagItem("url.full") as string;
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Uri.UnescapeDataString(uri.AbsolutePath) : "?";
        var site = port == _tablePort ? TableSite(path) : QueueSite(path);
        _counts.AddOrUpdate($"{(port == _tablePort ? "table" : "queue")} {method,-6} {site}", 1, (_, n) => n + 1);
    }

    // "/devstoreaccount1/{prefix}Leaders(PartitionKey='…',RowKey='…')" names a row, "…Leaders()" queries, "/$batch" is a transaction.
    private string TableSite(string path)
    {
        var resource = path[(path.IndexOf('/', 1) + 1)..];
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var name = Unprefixed(paren < 0 ? resource : resource[..paren]);
        return paren < 0 ? name : resource[(paren + 1)..].StartsWith(')') ? name + " query" : name + " row";
    }

    // "/devstoreaccount1/{prefix}outbox/messages[/{id}]".
    private string QueueSite(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = parts.Length > 1 ? Unprefixed(parts[1]) : "?";
        return parts.Length switch
        {
            > 3 => name + " message",
            3 => name + " messages",
            _ => name,
        };
    }

    private string Unprefixed(string name) =>
        name.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase) ? name[_prefix.Length..] : name;
}
