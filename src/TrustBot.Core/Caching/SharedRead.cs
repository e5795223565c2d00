using System.Collections.Concurrent;

namespace TrustBot.Core.Caching;

/// <summary>
/// At most one read in flight per key: callers that need the same key while a read runs await that read instead of
/// starting their own, so a burst of requests costs one storage round trip. The read ignores any one caller's
/// cancellation (the others still want its result); each caller can still stop waiting.
/// </summary>
internal sealed class SharedRead<TKey, T>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<T>>> _inFlight = new();

    public Task<T> RunAsync(TKey key, Func<Task<T>> read, CancellationToken cancellationToken) =>
        _inFlight.GetOrAdd(key, k => new Lazy<Task<T>>(() => ReadThenForgetAsync(k, read))).Value.WaitAsync(cancellationToken);

    private async Task<T> ReadThenForgetAsync(TKey key, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
