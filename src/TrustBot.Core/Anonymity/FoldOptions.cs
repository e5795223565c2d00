namespace TrustBot.Core.Anonymity;

/// <summary>When waiting ballots are folded into the counts (section <c>Ballots</c>).</summary>
public sealed class FoldOptions
{
    /// <summary>Storage hides a message for whole seconds, so a fold must wait at least this long after its fold time.</summary>
    public static readonly TimeSpan MinFoldDelay = TimeSpan.FromSeconds(1);

    public const string SectionName = "Ballots";

    /// <summary>
    /// Folds happen on the clock, at every multiple of this interval since midnight UTC: times no voter's action sets.
    /// A ballot stays unreadable in its queue until the fold after it was cast (or the box's close, if sooner).
    /// </summary>
    public TimeSpan FoldInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after a fold time the fold runs: storage hides messages for whole seconds, rounded up, so a ballot may
    /// show up to a second after its fold time, and storage's clock may differ a little from ours.
    /// </summary>
    public TimeSpan FoldDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Why these values cannot work, or null: the delay must cover storage's rounding, and each fold must come before the next fold time.</summary>
    public string? Problem() =>
        FoldDelay < MinFoldDelay ? $"Ballots:FoldDelay must be at least {MinFoldDelay.TotalSeconds:0} s: storage hides ballots for whole seconds."
        : FoldInterval <= FoldDelay ? "Ballots:FoldInterval must be longer than Ballots:FoldDelay, so each fold runs before the next fold time."
        : null;

    /// <summary>
    /// How long a close waits for ballots accepted before it that the folds have not counted yet (one may still be
    /// held by a fold that was cut off). Past this the check-in closes with what was counted and logs a warning.
    /// </summary>
    public TimeSpan SettleGrace { get; set; } = TimeSpan.FromMinutes(5);
}
