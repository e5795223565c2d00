using System.Runtime.CompilerServices;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Tests.Settings;

/// <summary>A timetable that honours the port's contract for what settings use: set, add-if-missing, get, remove, list.</summary>
internal sealed class InMemoryTimetable : ITimetable
{
    private readonly Dictionary<(string TenantId, string Key, string Job), TimetableEntry> _rows = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<TimetableEntry> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows.Values];
            }
        }
    }

    public TimetableEntry? this[string tenantId, string key, string job]
    {
        get
        {
            lock (_lock)
            {
                return _rows.GetValueOrDefault((tenantId, key, job));
            }
        }
    }

    public Task SetAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _rows[(entry.TenantId, entry.InstallationKey, entry.Job)] = entry;
        }

        return Task.CompletedTask;
    }

    public Task<bool> AddIfMissingAsync(TimetableEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.TryAdd((entry.TenantId, entry.InstallationKey, entry.Job), entry));
        }
    }

    public Task<TimetableEntry?> GetAsync(string tenantId, string installationKey, string job, CancellationToken cancellationToken) =>
        Task.FromResult(this[tenantId, installationKey, job]);

    public Task<IReadOnlyList<TimetableEntry>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimetableEntry>>([.. All.Where(e => e.DueAt <= now).OrderBy(e => e.DueAt).Take(max)]);

    public Task<bool> TryAdvanceAsync(TimetableEntry entry, DateTimeOffset? nextDueAt, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Settings never advance entries.");

    public Task<IReadOnlyList<TimetableEntry>> ClaimDueAsync(
        DateTimeOffset now, int max, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Settings never claim entries.");

    public Task<int> TryAdvanceAllAsync(IReadOnlyList<TimetableAdvance> advances, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Settings never advance entries.");

    public Task RemoveAsync(string tenantId, string installationKey, string job, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _rows.Remove((tenantId, installationKey, job));
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<TimetableEntry> ListForInstallationAsync(
        string tenantId, string installationKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var entry in All.Where(e => e.TenantId == tenantId && e.InstallationKey == installationKey))
        {
            yield return entry;
        }
    }
}
