namespace TrustBot.Core.Messaging;

/// <summary>Where TrustBot is installed.</summary>
public enum ConversationKind
{
    /// <summary>A 1:1 chat with one person.</summary>
    Personal,
    /// <summary>A group chat.</summary>
    GroupChat,
    /// <summary>A team; the bot posts into one of its channels.</summary>
    Channel,
}
