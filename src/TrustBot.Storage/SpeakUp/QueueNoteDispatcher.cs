using System.Text.Json;
using Microsoft.Extensions.Logging;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Storage.SpeakUp;

/// <summary>
/// Puts a pending note on the delay queue, hidden for the given delay: the queue, not this process, holds the note
/// back, so a restart neither loses it nor releases it early.
/// </summary>
internal sealed class QueueNoteDispatcher(NoteQueues queues, ILogger<QueueNoteDispatcher> logger) : INoteDispatcher
{
    /// <summary>The queue service hides a message for less than seven days at most.</summary>
    internal static readonly TimeSpan LongestDelay = TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a note outlives its release: note text must not linger in a queue, so a note the worker has not
    /// stored within a day of its release expires (the time-to-live counts from the send, so the delay is added).
    /// </summary>
    internal static readonly TimeSpan LifeAfterRelease = TimeSpan.FromDays(1);

    public async Task DispatchAsync(PendingNote note, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        var hiddenFor = Clamp(delay);
        var body = JsonSerializer.Serialize(note, SpeakUpQueueJsonContext.Default.PendingNote);
        await queues.Main.SendMessageAsync(body, hiddenFor, hiddenFor + LifeAfterRelease, cancellationToken);
        logger.NoteDispatched();
    }

    internal static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > LongestDelay ? LongestDelay : delay;
}
