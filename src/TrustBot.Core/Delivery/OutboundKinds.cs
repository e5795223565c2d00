namespace TrustBot.Core.Delivery;

/// <summary>The values of <see cref="OutboundSend.Kind"/>.</summary>
public static class OutboundKinds
{
    public const string CheckIn = "checkin";
    public const string SpeakUp = "speakup";
    public const string Digest = "digest";
    public const string Nudge = "nudge";
    public const string Reminder = "reminder";

    /// <summary>The one-time introduction of a team's installing leader in their private chat.</summary>
    public const string LeaderIntro = "leader-intro";

    /// <summary>The replies to one message a person sent, posted into the conversation it came from.</summary>
    public const string Reply = "reply";
}
