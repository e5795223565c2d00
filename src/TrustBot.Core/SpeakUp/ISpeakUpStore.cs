namespace TrustBot.Core.SpeakUp;

/// <summary>Persistence of speak-up sessions and of their notes. Every key starts with the tenant id.</summary>
public interface ISpeakUpStore
{
    Task CreateSessionAsync(SpeakUpSession session, byte[] salt, CancellationToken cancellationToken);

    Task<SpeakUpSession?> GetSessionAsync(string tenantId, string sessionId, CancellationToken cancellationToken);

    Task SetActivityIdAsync(string tenantId, string sessionId, string activityId, CancellationToken cancellationToken);

    /// <summary>The session's participation salt, or null once destroyed.</summary>
    Task<byte[]?> GetSaltAsync(string tenantId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Sessions of one installation, newest first.</summary>
    IAsyncEnumerable<SpeakUpSession> ListSessionsAsync(string tenantId, string installationKey, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a note, held until it is released; storing the same <see cref="Note.NoteId"/> twice keeps one row and
    /// never undoes its release.
    /// </summary>
    Task SaveNoteAsync(Note note, CancellationToken cancellationToken);

    /// <summary>
    /// Every stored note of one session, held and released (random key order). Views show only released ones
    /// (<see cref="Note.IsReleased"/>).
    /// </summary>
    IAsyncEnumerable<Note> ListNotesAsync(string tenantId, string sessionId, CancellationToken cancellationToken);

    /// <summary>The session's notes and release record, read together (see <see cref="CommitReleaseAsync"/>).</summary>
    Task<NoteReleaseState> GetReleaseStateAsync(string tenantId, string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="update"/> in one atomic step, only while the release record is still as
    /// <paramref name="seen"/> read it: false (and nothing written) when another release or change came first, or a
    /// note of the group is gone. At most 99 notes per group.
    /// </summary>
    Task<bool> CommitReleaseAsync(NoteReleaseState seen, NoteReleaseUpdate update, CancellationToken cancellationToken);

    /// <summary>Sessions (any tenant) not yet closed whose closing time is at or before <paramref name="now"/>.</summary>
    IAsyncEnumerable<SpeakUpSession> ListDueToCloseAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the session closed and destroys its participation salt, so nobody can recompute who took part;
    /// false when it was already closed (or does not exist). Of several concurrent callers, one gets true.
    /// </summary>
    Task<bool> CloseSessionAsync(string tenantId, string sessionId, DateTimeOffset closedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Sessions (any tenant) not yet closed, including those past their closing time that the closer has not reached
    /// yet; <paramref name="now"/> bounds how far back the scan looks.
    /// </summary>
    IAsyncEnumerable<SpeakUpSession> ListOpenSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
