namespace TrustBot.Core.SpeakUp;

/// <summary>A scrubbed note on its way to storage through the delay queue. It carries no identity of its author.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="InstallationKey">The team.</param>
/// <param name="SessionId">The speak-up session it answers.</param>
/// <param name="NoteId">A random id, so a redelivered message stores the same row once.</param>
/// <param name="Text">The scrubbed text (at most 1,000 characters).</param>
public sealed record PendingNote(string TenantId, string InstallationKey, string SessionId, string NoteId, string Text);
