using System.Globalization;
using System.Runtime.CompilerServices;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests.Fakes;

/// <summary>
/// A speak-up store that honours the port's contract: close destroys the salt once, a release is all or nothing and
/// only on the version read, and storing a note again keeps its release.
/// </summary>
internal sealed class InMemorySpeakUpStore : ISpeakUpStore
{
    private readonly Dictionary<(string TenantId, string SessionId), SpeakUpSession> _sessions = [];
    private readonly Dictionary<(string TenantId, string SessionId), byte[]> _salts = [];
    private readonly List<Note> _notes = [];
    private readonly Dictionary<(string TenantId, string SessionId), (int Releases, NotePosting Posting, int Version)> _records = [];
    private readonly Lock _lock = new();

    public Task CreateSessionAsync(SpeakUpSession session, byte[] salt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _sessions[(session.TenantId, session.SessionId)] = session;
            _salts[(session.TenantId, session.SessionId)] = salt;
        }

        return Task.CompletedTask;
    }

    public Task<SpeakUpSession?> GetSessionAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sessions.GetValueOrDefault((tenantId, sessionId)));
        }
    }

    public Task SetActivityIdAsync(string tenantId, string sessionId, string activityId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _sessions[(tenantId, sessionId)] = _sessions[(tenantId, sessionId)] with { ActivityId = activityId };
        }

        return Task.CompletedTask;
    }

    public Task<byte[]?> GetSaltAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_salts.GetValueOrDefault((tenantId, sessionId)));
        }
    }

    public IAsyncEnumerable<SpeakUpSession> ListSessionsAsync(string tenantId, string installationKey, CancellationToken cancellationToken) =>
        Snapshot(_sessions.Values.Where(s => s.TenantId == tenantId && s.InstallationKey == installationKey).OrderByDescending(s => s.OpensAt));

    public Task SaveNoteAsync(Note note, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _notes.FindIndex(n => SameNote(n, note.TenantId, note.SessionId, note.NoteId));
            if (index < 0)
            {
                _notes.Add(note with { Release = null, ReleasedAt = null });
            }
            else
            {
                _notes[index] = note with { Release = _notes[index].Release, ReleasedAt = _notes[index].ReleasedAt };
            }
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<Note> ListNotesAsync(string tenantId, string sessionId, CancellationToken cancellationToken) =>
        Snapshot(_notes.Where(n => n.TenantId == tenantId && n.SessionId == sessionId));

    public Task<NoteReleaseState> GetReleaseStateAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var notes = _notes.Where(n => n.TenantId == tenantId && n.SessionId == sessionId).ToList();
            return Task.FromResult(_records.TryGetValue((tenantId, sessionId), out var record)
                ? new NoteReleaseState(tenantId, sessionId, notes, record.Releases, record.Posting, record.Version.ToString(CultureInfo.InvariantCulture))
                : NoteReleaseState.Empty(tenantId, sessionId, notes));
        }
    }

    public Task<bool> CommitReleaseAsync(NoteReleaseState seen, NoteReleaseUpdate update, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            CommitCalls++;
            var key = (seen.TenantId, seen.SessionId);
            var current = _records.TryGetValue(key, out var record) ? record.Version.ToString(CultureInfo.InvariantCulture) : null;
            var indexes = update.NoteIds.Select(id => _notes.FindIndex(n => SameNote(n, seen.TenantId, seen.SessionId, id))).ToList();
            if (current != seen.Version || indexes.Any(i => i < 0))
            {
                return Task.FromResult(false);
            }

            var releases = seen.Releases + (update.NoteIds.Count > 0 ? 1 : 0);
            foreach (var index in indexes)
            {
                _notes[index] = _notes[index] with { Release = releases, ReleasedAt = update.At };
            }

            _records[key] = (releases, update.Posting, (record.Version) + 1);
            return Task.FromResult(true);
        }
    }

    /// <summary>How many times a release was committed or refused.</summary>
    public int CommitCalls { get; private set; }

    public IAsyncEnumerable<SpeakUpSession> ListDueToCloseAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Snapshot(_sessions.Values.Where(s => !s.IsClosed && s.ClosesAt <= now));

    public Task<bool> CloseSessionAsync(string tenantId, string sessionId, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _salts.Remove((tenantId, sessionId));
            if (!_sessions.TryGetValue((tenantId, sessionId), out var session) || session.IsClosed)
            {
                return Task.FromResult(false);
            }

            _sessions[(tenantId, sessionId)] = session with { IsClosed = true, ClosedAt = closedAt };
            return Task.FromResult(true);
        }
    }

    public IAsyncEnumerable<SpeakUpSession> ListOpenSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Snapshot(_sessions.Values.Where(s => !s.IsClosed));

    private static bool SameNote(Note note, string tenantId, string sessionId, string noteId) =>
        note.TenantId == tenantId && note.SessionId == sessionId && note.NoteId == noteId;

    private IAsyncEnumerable<T> Snapshot<T>(IEnumerable<T> items)
    {
        lock (_lock)
        {
            return YieldAsync(items.ToList());
        }
    }

    private static async IAsyncEnumerable<T> YieldAsync<T>(List<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return item;
        }
    }
}
