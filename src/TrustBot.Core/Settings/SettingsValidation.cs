using TrustBot.Core.Installations;

namespace TrustBot.Core.Settings;

/// <summary>The outcome of checking a submitted settings card: the settings to store, or every problem in plain words.</summary>
/// <param name="Settings">The settings to store; null when there is any problem.</param>
/// <param name="LeaderIds">The Teams user ids chosen as leaders (checked against the roster by the caller).</param>
/// <param name="Problems">What is wrong, one sentence each; empty when valid.</param>
public sealed record SettingsValidation(TeamSettings? Settings, IReadOnlyList<string> LeaderIds, IReadOnlyList<string> Problems)
{
    public bool IsValid => Settings is not null && Problems.Count == 0;
}
