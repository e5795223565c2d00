namespace TrustBot.Storage.SpeakUp;

/// <summary>How the note intake worker drains the delay queue (configuration section <c>SpeakUp:Intake</c>).</summary>
public sealed class NoteIntakeOptions
{
    public const string SectionName = "SpeakUp:Intake";

    /// <summary>How often the worker looks for notes whose delay has passed.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages taken per receive call (the queue service allows 1 to 32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>How long a received note stays hidden from other workers; it reappears if it was not stored by then.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A note received more often than this without being stored goes to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = 5;
}
