namespace TrustBot.Core.Installations;

/// <summary>
/// The last service URL stored per installation, so that refreshing the address on every activity only writes
/// when the URL changed. Bounded: the least recently used entry goes first. Register as a singleton.
/// </summary>
public sealed class ServiceUrlCache
{
    public const int DefaultCapacity = 10_000;

    private readonly int _capacity;
    private readonly Dictionary<(string TenantId, string Key), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public ServiceUrlCache()
        : this(DefaultCapacity)
    {
    }

    public ServiceUrlCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>True when <paramref name="serviceUrl"/> is the URL last stored for the installation.</summary>
    public bool IsCurrent(string tenantId, string key, string serviceUrl)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((tenantId, key), out var node))
            {
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return string.Equals(node.Value.ServiceUrl, serviceUrl, StringComparison.Ordinal);
        }
    }

    /// <summary>Records the URL now stored for the installation.</summary>
    public void Set(string tenantId, string key, string serviceUrl)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue((tenantId, key), out var existing))
            {
                _recency.Remove(existing);
                _entries.Remove((tenantId, key));
            }
            else if (_entries.Count >= _capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove((oldest.Value.TenantId, oldest.Value.Key));
            }

            _entries[(tenantId, key)] = _recency.AddFirst(new Entry(tenantId, key, serviceUrl));
        }
    }

    /// <summary>Forgets the installation, for example after it was removed.</summary>
    public void Remove(string tenantId, string key)
    {
        lock (_lock)
        {
            if (_entries.Remove((tenantId, key), out var node))
            {
                _recency.Remove(node);
            }
        }
    }

    private sealed record Entry(string TenantId, string Key, string ServiceUrl);
}
