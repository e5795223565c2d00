namespace TrustBot.Core.Messaging;

/// <summary>One channel of a team, as Teams lists it.</summary>
/// <param name="Id">The channel's conversation id (<c>19:…@thread.tacv2</c>); the General channel's id is the team id.</param>
/// <param name="Name">The channel name; Teams gives none for General.</param>
public sealed record TeamChannel(string Id, string? Name)
{
    /// <summary>The name to show people: General has no name of its own in Teams' answer.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? "General" : Name;
}
