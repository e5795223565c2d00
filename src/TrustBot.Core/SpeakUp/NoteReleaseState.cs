namespace TrustBot.Core.SpeakUp;

/// <summary>
/// A session's notes and its release record, read together so that a release can be made conditional on them: if
/// anyone released since, <see cref="ISpeakUpStore.CommitReleaseAsync"/> refuses the stale state.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="SessionId">The speak-up session.</param>
/// <param name="Notes">Every stored note of the session, held and released.</param>
/// <param name="Releases">How many groups have been released.</param>
/// <param name="Posting">Which groups' channel posts were planned and are known to be queued.</param>
/// <param name="Version">The store's version of the release record; null before the first release.</param>
public sealed record NoteReleaseState(
    string TenantId,
    string SessionId,
    IReadOnlyList<Note> Notes,
    int Releases,
    NotePosting Posting,
    string? Version)
{
    /// <summary>The ids of the notes not released yet.</summary>
    public IReadOnlyList<string> HeldNoteIds => [.. Notes.Where(n => !n.IsReleased).Select(n => n.NoteId)];

    /// <summary>How many notes have been released.</summary>
    public int ReleasedCount => Notes.Count(n => n.IsReleased);

    /// <summary>The state of a session nothing was ever released from.</summary>
    public static NoteReleaseState Empty(string tenantId, string sessionId, IReadOnlyList<Note> notes) =>
        new(tenantId, sessionId, notes, 0, NotePosting.None, null);
}
