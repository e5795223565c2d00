namespace TrustBot.Core.SpeakUp;

/// <summary>A stored anonymous note. Stored after a random delay, so its time says nothing about who wrote it.</summary>
public sealed record Note(string TenantId, string InstallationKey, string SessionId, string NoteId, string Text, DateTimeOffset StoredAt)
{
    /// <summary>True once the note was re-posted into the team's channel (teams that share notes there).</summary>
    public bool Reposted { get; init; }
}
