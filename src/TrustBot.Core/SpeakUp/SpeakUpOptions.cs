namespace TrustBot.Core.SpeakUp;

/// <summary>Speak-up settings (section <c>SpeakUp</c>).</summary>
public sealed class SpeakUpOptions
{
    public const string SectionName = "SpeakUp";

    /// <summary>The shortest random delay between submitting a note and storing it.</summary>
    public TimeSpan MinDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest random delay between submitting a note and storing it.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a speak-up prompt takes notes; its participation salt is no use after that.</summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How often a prompt's held notes are looked at for a group of k to release. Coarse on purpose: a release comes at
    /// the next look, not the moment the k-th note lands.
    /// </summary>
    public TimeSpan ReleaseInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long after the close plus <see cref="MaxDelay"/> the rest of a prompt's notes is released, so that notes
    /// still in the delay queue or being retried by the intake land first.
    /// </summary>
    public TimeSpan ReleaseSettle { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How often one instance looks for open prompts without their note-release job, and for prompts past their close
    /// without a close entry (<see cref="SpeakUpSweepJob"/>); each prompt's own entries release and close it on time.
    /// </summary>
    public TimeSpan CloseInterval { get; set; } = TimeSpan.FromMinutes(1);
}
