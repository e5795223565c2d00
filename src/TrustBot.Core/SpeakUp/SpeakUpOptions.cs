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
}
