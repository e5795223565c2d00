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

    /// <summary>Stores a note; storing the same <see cref="Note.NoteId"/> twice keeps one row.</summary>
    Task SaveNoteAsync(Note note, CancellationToken cancellationToken);

    /// <summary>The notes of one session (random key order).</summary>
    IAsyncEnumerable<Note> ListNotesAsync(string tenantId, string sessionId, CancellationToken cancellationToken);
}
