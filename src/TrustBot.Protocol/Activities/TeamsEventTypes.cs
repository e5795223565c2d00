namespace TrustBot.Protocol.Activities;

/// <summary>Values of <see cref="TeamsChannelData.EventType"/> on <c>conversationUpdate</c>.</summary>
public static class TeamsEventTypes
{
    /// <summary>A member (or the bot) was added to a team.</summary>
    public const string TeamMemberAdded = "teamMemberAdded";
    /// <summary>A member (or the bot) was removed from a team.</summary>
    public const string TeamMemberRemoved = "teamMemberRemoved";
    /// <summary>The team was deleted.</summary>
    public const string TeamDeleted = "teamDeleted";
}
