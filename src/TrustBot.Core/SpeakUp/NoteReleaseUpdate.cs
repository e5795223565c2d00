namespace TrustBot.Core.SpeakUp;

/// <summary>
/// One atomic change to a session's release record: optionally a new group (its notes become release number
/// <see cref="NoteReleaseState.Releases"/> + 1, all at <see cref="At"/>), and the posting marks after it.
/// </summary>
/// <param name="InstallationKey">The team, kept on the record so that erasing the team finds it.</param>
/// <param name="NoteIds">The notes of the new group; empty to change only the posting marks.</param>
/// <param name="At">When the change is made (the group's release time).</param>
/// <param name="Posting">The posting marks after the change.</param>
public sealed record NoteReleaseUpdate(string InstallationKey, IReadOnlyList<string> NoteIds, DateTimeOffset At, NotePosting Posting);
