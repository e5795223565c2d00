using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TrustBot.Core.Scheduling;

namespace TrustBot.Web.Tests.Leaders;

/// <summary>
/// A timetable for test hosts that have no stored one yet; the test factory registers it only when the host lacks an
/// <see cref="ITimetable"/>. Versions are counters, so TryAdvance behaves like an ETag check.
/// </summary>
public sealed class InMemoryTimetable : ITimetable
{
    private readonly ConcurrentDictionary<(string TenantId, string InstallationKey, string Job), TimetableEntry> _entries = new();
    private long _version;

    public Task SetAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries[Key(entry)] = Versioned(entry);
        return Task.CompletedTask;
    }

    public Task<bool> AddIfMissingAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Task.FromResult(_entries.TryAdd(Key(entry), Versioned(entry)));
    }

    public Task<TimetableEntry?> GetAsync(string tenantId, string installationKey, string job, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.GetValueOrDefault((tenantId, installationKey, job)));

    public Task<IReadOnlyList<TimetableEntry>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimetableEntry>>(_entries.Values.Where(e => e.DueAt <= now).OrderBy(e => e.DueAt).Take(max).ToList());

    public Task<bool> TryAdvanceAsync(TimetableEntry entry, DateTimeOffset? nextDueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_entries.TryGetValue(Key(entry), out var current) || current.Version != entry.Version)
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(nextDueAt is { } next
            ? _entries.TryUpdate(Key(entry), Versioned(current with { DueAt = next }), current)
            : _entries.TryRemove(new KeyValuePair<(string, string, string), TimetableEntry>(Key(entry), current)));
    }

    public Task RemoveAsync(string tenantId, string installationKey, string job, CancellationToken cancellationToken)
    {
        _entries.TryRemove((tenantId, installationKey, job), out _);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<TimetableEntry> ListForInstallationAsync(
        string tenantId, string installationKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var entry in _entries.Values.Where(e => e.TenantId == tenantId && e.InstallationKey == installationKey))
        {
            yield return entry;
        }
    }

    private static (string, string, string) Key(TimetableEntry entry) => (entry.TenantId, entry.InstallationKey, entry.Job);

    private TimetableEntry Versioned(TimetableEntry entry) =>
        entry with { Version = Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
