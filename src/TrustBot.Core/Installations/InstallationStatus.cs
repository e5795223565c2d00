namespace TrustBot.Core.Installations;

/// <summary>Whether TrustBot can still reach an installation.</summary>
public enum InstallationStatus
{
    /// <summary>Installed and reachable.</summary>
    Active,
    /// <summary>Removed by a user; sends would fail with 403.</summary>
    Removed,
}
