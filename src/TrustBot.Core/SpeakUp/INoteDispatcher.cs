namespace TrustBot.Core.SpeakUp;

/// <summary>
/// The delay queue between a submitted note and its storage, so that a storage timestamp cannot be matched to a
/// participation record. At-least-once: a note is removed from the queue only after it was stored.
/// </summary>
public interface INoteDispatcher
{
    /// <summary>Puts the note on the queue, to become visible after <paramref name="delay"/>.</summary>
    Task DispatchAsync(PendingNote note, TimeSpan delay, CancellationToken cancellationToken);
}
