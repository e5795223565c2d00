using System.Security.Cryptography;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// When a session's held notes are released, and which. Never one at a time: a group is released once at least k notes
/// are held, and the rest only after the session closed and every note still on its way has had time to land. The
/// notes of a group are drawn in random order, so neither a group's make-up nor its order follows submission.
/// </summary>
public static class NoteReleasePolicy
{
    /// <summary>A table transaction holds 100 operations: the notes of a group and the release record.</summary>
    public const int MaxGroup = 99;

    /// <summary>
    /// How long after the final release late notes are still looked for: a queued note expires a day after its delay
    /// ran out (the note queue's time-to-live), so after this none can land any more.
    /// </summary>
    public static readonly TimeSpan LateNoteWatch = TimeSpan.FromDays(1);

    /// <summary>
    /// When the rest is released: a note sent just before the close is stored up to the longest delay later, and the
    /// settle time covers the intake's retries. A fixed time after the close, so it says nothing about any one note.
    /// </summary>
    public static DateTimeOffset FinalReleaseAt(SpeakUpSession session, SpeakUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        return session.ClosesAt + options.MaxDelay + options.ReleaseSettle;
    }

    /// <summary>After this nothing of the session can be released any more (see <see cref="LateNoteWatch"/>).</summary>
    public static DateTimeOffset WatchUntil(SpeakUpSession session, SpeakUpOptions options)
    {
        var final = FinalReleaseAt(session, options);
        var lastLanding = session.ClosesAt + options.MaxDelay + LateNoteWatch;
        return lastLanding > final ? lastLanding : final;
    }

    /// <summary>
    /// The next group to release from <paramref name="held"/>, in random order; empty when none is due. Before the final
    /// release a group needs at least <paramref name="threshold"/> notes. At the final release the rest goes whatever
    /// its size, but only when the session had at least k notes in all: below k nothing is ever shown. More than
    /// <see cref="MaxGroup"/> held notes are split into near-equal groups, each of them still at least k.
    /// </summary>
    public static IReadOnlyList<string> NextGroup(IReadOnlyList<string> held, int released, int threshold, bool final)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentOutOfRangeException.ThrowIfNegative(released);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var due = final ? held.Count > 0 && released + held.Count >= threshold : held.Count >= threshold;
        if (!due)
        {
            return [];
        }

        var groups = (held.Count + MaxGroup - 1) / MaxGroup;
        var size = (held.Count + groups - 1) / groups;
        var drawn = held.ToArray();
        RandomNumberGenerator.Shuffle<string>(drawn);
        return drawn[..size];
    }
}
