namespace TrustBot.Core.SpeakUp;

/// <summary>A stored anonymous note. Stored after a random delay, so its time says nothing about who wrote it.</summary>
public sealed record Note(string TenantId, string InstallationKey, string SessionId, string NoteId, string Text, DateTimeOffset StoredAt)
{
    /// <summary>
    /// The number of the group the note was released in (1, 2, …), or null while it is held back. No view shows a held
    /// note. 0 marks a note that was re-posted one by one before notes were released in groups.
    /// </summary>
    public int? Release { get; init; }

    /// <summary>When its group was released; the same for every note of the group.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>True once the note's group has been released, so views may show it.</summary>
    public bool IsReleased => Release is not null;
}
