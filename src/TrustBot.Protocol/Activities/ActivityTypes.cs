namespace TrustBot.Protocol.Activities;

/// <summary>Activity type names.</summary>
public static class ActivityTypes
{
    /// <summary>A message.</summary>
    public const string Message = "message";
    /// <summary>Members or the conversation changed.</summary>
    public const string ConversationUpdate = "conversationUpdate";
    /// <summary>The app was installed or removed.</summary>
    public const string InstallationUpdate = "installationUpdate";
    /// <summary>A synchronous request that expects an <see cref="InvokeResponse"/>.</summary>
    public const string Invoke = "invoke";
    /// <summary>A named event.</summary>
    public const string Event = "event";
    /// <summary>A reaction on a message.</summary>
    public const string MessageReaction = "messageReaction";
    /// <summary>A message was edited.</summary>
    public const string MessageUpdate = "messageUpdate";
    /// <summary>A message was deleted.</summary>
    public const string MessageDelete = "messageDelete";
    /// <summary>The sender is typing.</summary>
    public const string Typing = "typing";
    /// <summary>The conversation ended.</summary>
    public const string EndOfConversation = "endOfConversation";
}
