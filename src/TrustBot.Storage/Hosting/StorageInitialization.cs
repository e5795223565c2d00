using System.Collections.Concurrent;

namespace TrustBot.Storage.Hosting;

/// <summary>
/// Which start-up creations (tables, queues) have not succeeded yet. Readiness stays Unhealthy until every one has,
/// so that a first deploy, whose managed identity may wait minutes for its roles, reports "not ready" instead of crashing.
/// </summary>
public sealed class StorageInitialization
{
    private readonly ConcurrentDictionary<string, bool> _done = new(StringComparer.Ordinal);

    public bool IsComplete => _done.Values.All(done => done);

    internal void Begin(string what) => _done.TryAdd(what, false);

    internal void Complete(string what) => _done[what] = true;
}
