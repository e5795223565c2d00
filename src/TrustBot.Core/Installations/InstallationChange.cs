namespace TrustBot.Core.Installations;

/// <summary>What happened to an installation, as reported by Teams.</summary>
public enum InstallationChange
{
    /// <summary>The app was added (or the bot joined a team or chat).</summary>
    Added,
    /// <summary>The app was updated to a new version; the installation itself is not new.</summary>
    Upgraded,
    /// <summary>The app was removed (or the bot left the team or chat).</summary>
    Removed,
}
