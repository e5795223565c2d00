namespace TrustBot.Protocol.Activities;

/// <summary>Values of <see cref="ConversationAccount.ConversationType"/> in Teams.</summary>
public static class ConversationTypes
{
    /// <summary>A 1:1 chat between a user and the bot.</summary>
    public const string Personal = "personal";
    /// <summary>A group chat.</summary>
    public const string GroupChat = "groupChat";
    /// <summary>A team channel.</summary>
    public const string Channel = "channel";
}
