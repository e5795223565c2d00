using System.Runtime.CompilerServices;
using TrustBot.Core.Installations;

namespace TrustBot.Core.Tests.Fakes;

/// <summary>An installation store that honours the port's contract, including the single-winner ActivateAsync.</summary>
internal sealed class InMemoryInstallationStore : IInstallationStore
{
    private readonly Dictionary<(string TenantId, string Key), Installation> _rows = [];
    private readonly Lock _lock = new();
    private int _getCalls;

    public int ActivateCalls { get; private set; }

    public int UpdateServiceUrlCalls { get; private set; }

    public int GetCalls => Volatile.Read(ref _getCalls);

    public Installation? this[string tenantId, string key]
    {
        get
        {
            lock (_lock)
            {
                return _rows.GetValueOrDefault((tenantId, key));
            }
        }
    }

    public void Seed(Installation installation)
    {
        lock (_lock)
        {
            _rows[(installation.TenantId, installation.Key)] = installation;
        }
    }

    public Task<Installation?> GetAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _getCalls);
        return Task.FromResult(this[tenantId, key]);
    }

    public Task<bool> ActivateAsync(Installation installation, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ActivateCalls++;
            var id = (installation.TenantId, installation.Key);
            if (_rows.TryGetValue(id, out var existing) && existing.Status == InstallationStatus.Active)
            {
                // As the table store: an active installation keeps its channel and first installer; the route is refreshed.
                _rows[id] = installation with
                {
                    ConversationId = existing.ConversationId,
                    ChannelId = existing.ChannelId,
                    TeamName = installation.TeamName ?? existing.TeamName,
                    InstalledByAadObjectId = existing.InstalledByAadObjectId ?? installation.InstalledByAadObjectId,
                    InstalledAt = existing.InstalledAt,
                    ShareNotesInChannel = existing.ShareNotesInChannel,
                    Status = InstallationStatus.Active,
                    RemovedAt = null,
                };
                return Task.FromResult(false);
            }

            // As the table store: a removed team that comes back keeps the settings its leaders chose.
            var restored = existing is null
                ? installation
                : installation with
                {
                    ShareNotesInChannel = existing.ShareNotesInChannel,
                    AnonymityThreshold = existing.AnonymityThreshold,
                    QuestionSet = existing.QuestionSet,
                    CustomStatements = existing.CustomStatements,
                    Schedule = existing.Schedule ?? installation.Schedule,
                };
            _rows[id] = restored with { Status = InstallationStatus.Active, RemovedAt = null };
            return Task.FromResult(true);
        }
    }

    public Task<bool> MarkRemovedAsync(string tenantId, string key, DateTimeOffset removedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue((tenantId, key), out var existing))
            {
                return Task.FromResult(false);
            }

            _rows[(tenantId, key)] = existing with { Status = InstallationStatus.Removed, RemovedAt = removedAt, UpdatedAt = removedAt };
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateServiceUrlAsync(string tenantId, string key, string serviceUrl, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            UpdateServiceUrlCalls++;
            if (!_rows.TryGetValue((tenantId, key), out var existing))
            {
                return Task.FromResult(false);
            }

            _rows[(tenantId, key)] = existing with { ServiceUrl = serviceUrl, UpdatedAt = updatedAt };
            return Task.FromResult(true);
        }
    }

    public Task<Installation?> UpdateSettingsAsync(
        string tenantId, string key, TeamSettings settings, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue((tenantId, key), out var existing) || existing.Status != InstallationStatus.Active)
            {
                return Task.FromResult<Installation?>(null);
            }

            var updated = existing with
            {
                ConversationId = settings.ChannelId,
                ChannelId = settings.ChannelId,
                Schedule = settings.Schedule,
                QuestionSet = settings.QuestionSet,
                AnonymityThreshold = settings.AnonymityThreshold,
                ShareNotesInChannel = settings.ShareNotesInChannel,
                UpdatedAt = updatedAt,
            };
            _rows[(tenantId, key)] = updated;
            return Task.FromResult<Installation?>(updated);
        }
    }

    public async IAsyncEnumerable<Installation> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<Installation> rows;
        lock (_lock)
        {
            rows = _rows.Values.Where(row => row.TenantId == tenantId).ToList();
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return row;
        }
    }
}
